/**
 * Replies that withdraw consent (DOMAIN.md §1). Operators in China honour TD/T/N/R/退订; carriers elsewhere the
 * CTIA/GSMA words. A reply counts only when it *is* one of these, so "Tomorrow" or "No thanks" do not opt out.
 */
export const OPT_OUT_KEYWORDS: readonly string[] = ['TD', 'T', 'N', 'R', '退订', '取消', 'STOP', 'UNSUBSCRIBE', 'STOPALL', 'END', 'CANCEL', 'QUIT'];

const KEYWORDS = new Set(OPT_OUT_KEYWORDS);

// Punctuation, symbols (emoji included), every kind of space, control and format characters (zero-width joiners).
const NOISE = /[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}]/gu;

/**
 * The reply as a keyword comparison sees it: NFKC folds full-width letters and punctuation to ASCII
 * (`ＳＴＯＰ！` → `STOP!`), then noise is dropped and letters upper-cased, so "stop.", " T D " and "退订。" match.
 */
export function normaliseReply(content: string): string {
  return content.normalize('NFKC').replace(NOISE, '').toUpperCase();
}

export function isOptOutReply(content: string): boolean {
  return KEYWORDS.has(normaliseReply(content));
}
