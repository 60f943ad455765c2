import { normaliseToString } from '../../screening/domain/normalise';

/**
 * Replies that complain about the sender (terms §3.4; ADR 0034 "Complaint keywords"). Chinese recipients answer
 * 投诉/举报/骚扰/垃圾短信; carriers elsewhere know SPAM, REPORT, ABUSE. `COMPLAINT_KEYWORDS` adds more.
 */
export const COMPLAINT_KEYWORDS: readonly string[] = [
  '投诉',
  '举报',
  '骚扰',
  '垃圾短信',
  '垃圾信息',
  '骚扰短信',
  '诈骗短信',
  '诈骗',
  'COMPLAIN',
  'COMPLAINT',
  'REPORT',
  'SPAM',
  'ABUSE',
  'SCAM',
  'HARASSMENT',
];

/** A keyword may lead a reply of at most this many characters ("SPAM - stop texting me"). */
export const KEYWORD_LED_MAX = 32;
/** A Chinese keyword counts anywhere in a reply of at most this many characters ("我要投诉", "别再骚扰我了"). */
export const KEYWORD_WITHIN_MAX = 16;

interface Keyword {
  /** Folded as the screening engine folds text: width, case, traditional → simplified, separators removed. */
  folded: string;
  /** Latin keywords are words: they count only whole, never inside another word ("reported", "spammy"). */
  words?: readonly string[];
}

export interface ComplaintMatcher {
  isComplaint(content: string): boolean;
}

const LATIN = /[A-Za-z0-9]/;
const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

const wordsOf = (text: string): string[] => text.normalize('NFKC').toUpperCase().split(WORD_SPLIT).filter(Boolean);

/**
 * A reply is a complaint when (1) it *is* a keyword, whatever its width, case or separators (`ＳＰＡＭ！`, `詐騙`,
 * `垃 圾 短 信`); or (2) it is short (≤ 32 characters) and begins with one — a Latin keyword as a whole word
 * (`Spam, stop texting me`, not `Spammy deals`); or (3) it is very short (≤ 16 characters) and holds a Chinese
 * keyword anywhere (`我要投诉`). A longer text that merely uses the word ("your report is ready", a paragraph
 * mentioning 投诉) is an ordinary reply.
 */
export function complaintMatcher(extra: readonly string[] = []): ComplaintMatcher {
  const keywords: Keyword[] = [];
  for (const raw of [...COMPLAINT_KEYWORDS, ...extra]) {
    const term = raw.trim();
    const folded = term ? normaliseToString(term) : '';
    if (!folded) continue;
    keywords.push(LATIN.test(term.normalize('NFKC')) ? { folded, words: wordsOf(term) } : { folded });
  }
  const whole = new Set(keywords.map((k) => k.folded));

  return {
    isComplaint(content: string): boolean {
      const text = content.normalize('NFKC').trim();
      const length = [...text].length;
      const folded = normaliseToString(text);
      if (!folded) return false;
      if (whole.has(folded)) return true;
      if (length > KEYWORD_LED_MAX) return false;
      const words = wordsOf(text);
      return keywords.some((k) =>
        k.words ? k.words.length > 0 && k.words.every((w, i) => words[i] === w) : folded.startsWith(k.folded) || (length <= KEYWORD_WITHIN_MAX && folded.includes(k.folded)),
      );
    },
  };
}

/** At most this many extra keywords (`COMPLAINT_KEYWORDS`, checked at start-up by ContentReviewConfig)… */
export const MAX_EXTRA_KEYWORDS = 50;
/** …each at most this many characters (a longer one could never lead a keyword-led reply). */
export const MAX_KEYWORD_LENGTH = KEYWORD_LED_MAX;

/** `COMPLAINT_KEYWORDS`'s value: extra keywords, comma-separated (full- or half-width commas), blanks dropped. */
export function parseComplaintKeywords(value: string): string[] {
  return value
    .split(/[,，]/)
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
}

/** Why an extra keyword cannot be used (too long, or nothing a reply could match once folded); undefined: usable. */
export function unusableKeyword(keyword: string): string | undefined {
  if ([...keyword].length > MAX_KEYWORD_LENGTH) return `"${keyword}" is longer than ${MAX_KEYWORD_LENGTH} characters`;
  if (!normaliseToString(keyword)) return `"${keyword}" has no letter or digit`;
  return undefined;
}
