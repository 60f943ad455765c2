import { HOMOGLYPHS, NUMERALS } from './char-maps';

/**
 * URLs in a message (ADR 0031): found in the original text (the normaliser drops the dots), with full-width letters
 * and ideographic full stops read as ASCII so `ｗｗｗ。example。com` is still a URL. Only hosts on the allow-list pass.
 * v7: look-alike letters from other scripts (`httр://уbj.сn` in Cyrillic) are read as the Latin letters they imitate,
 * and digits spelled out inside a link that starts with a scheme (`http://z三Wd九.com`, `http://pay-Q seven mPz.us`)
 * as digits, so such links are found (and held unless allowed) too.
 */
export interface UrlFound {
  host: string;
  /** UTF-16 span of the URL in the text: [start, end). */
  start: number;
  end: number;
}

/** Top-level domains that make a bare `name.tld` a link (a scheme or `www.` makes anything one). */
const LINK_TLDS = new Set(
  'com net org cn io co cc me info biz top xyz vip club site online shop app link ly tk ml ga gq cf pw ws hk tw mo uk ru de jp kr store tech bet asia mobi tv icu cyou'.split(' '),
);

const DOT = '[.．。｡]';
const LABEL = '[a-z0-9ａ-ｚＡ-Ｚ０-９](?:[a-z0-9ａ-ｚＡ-Ｚ０-９-]*[a-z0-9ａ-ｚＡ-Ｚ０-９])?';
const URL = new RegExp(`(?:(https?)[:：]//)?((?:${LABEL}${DOT})+([a-zａ-ｚＡ-Ｚ]{2,24}))(?![a-z0-9ａ-ｚＡ-Ｚ０-９])(?:[/／?#][^\\s，。！？、）)】]*)?`, 'giu');

/** Full-width ASCII → ASCII, ideographic full stops → '.': the host as a resolver would see it. */
function asciiHost(raw: string): string {
  let out = '';
  for (const ch of raw) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xff01 && cp <= 0xff5e) out += String.fromCharCode(cp - 0xfee0);
    else if (ch === '。' || ch === '｡') out += '.';
    else out += ch;
  }
  return out.toLowerCase();
}

const EN_DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
/** A link with a scheme, possibly broken by spelled-out English digits (` seven `) between its pieces. */
const SPELLED_LINK = new RegExp(`https?[:：]//[^\\s，。！？、）)】]*(?:\\s+(?:${EN_DIGIT_WORDS.join('|')})\\b\\s*[^\\s，。！？、）)】]*)+`, 'gi');
/** Circled digits ⓪①…⑨ (outside the normaliser's numeral table). */
const CIRCLED: ReadonlyMap<number, number> = new Map([[0x24ea, 0x30], ...Array.from({ length: 9 }, (_, i): [number, number] => [0x2460 + i, 0x31 + i])]);

/**
 * The text with look-alike letters read as Latin (one UTF-16 unit for one, so indices still point into the original),
 * and, inside a link that starts with a scheme, Chinese and circled numerals read as digits.
 */
function foldLookalikes(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const lower = cp < 0x80 ? cp : (ch.toLowerCase().codePointAt(0) ?? cp);
    const latin = HOMOGLYPHS.get(lower);
    out += latin !== undefined && ch.length === 1 ? String.fromCharCode(latin) : ch;
  }
  return out.replace(/https?[:：]\/\/[^\s，。！？、）)】]*/gi, (link) =>
    [...link].map((ch) => {
      const digit = NUMERALS.get(ch.codePointAt(0) ?? 0) ?? CIRCLED.get(ch.codePointAt(0) ?? 0);
      return digit !== undefined && ch.length === 1 ? String.fromCharCode(digit) : ch;
    }).join(''),
  );
}

export function findUrls(original: string): UrlFound[] {
  const found: UrlFound[] = [];
  const text = foldLookalikes(original);
  // A link whose digits are spelled out in words: joined up and read as one link over the whole span.
  for (const m of text.matchAll(SPELLED_LINK)) {
    // A whole link followed by an ordinary word ("http://a.com one more thing") is not a spelled one.
    if (/\.[a-z]{2,24}(?:[/?#]\S*)?$/i.test(m[0].split(/\s/)[0])) continue;
    const joined = m[0].replace(new RegExp(`\\s*\\b(${EN_DIGIT_WORDS.join('|')})\\b\\s*`, 'gi'), (_, word: string) => String(EN_DIGIT_WORDS.indexOf(word.toLowerCase())));
    const inner = [...joined.matchAll(URL)][0];
    if (!inner) continue;
    const start = m.index ?? 0;
    found.push({ host: asciiHost(inner[2]), start, end: start + m[0].length });
  }
  for (const m of text.matchAll(URL)) {
    if (found.some((f) => (m.index ?? 0) >= f.start && (m.index ?? 0) < f.end)) continue;
    const host = asciiHost(m[2]);
    const tld = host.slice(host.lastIndexOf('.') + 1);
    if (!m[1] && !host.startsWith('www.') && !LINK_TLDS.has(tld)) continue;
    const start = m.index ?? 0;
    found.push({ host, start, end: start + m[0].length });
  }
  return found;
}

export function isAllowedHost(host: string, allowList: readonly string[]): boolean {
  const bare = host.startsWith('www.') ? host.slice(4) : host;
  return allowList.some((domain) => bare === domain || bare.endsWith(`.${domain}`));
}

/** `a.com, b.cn` → ['a.com', 'b.cn']; unset or blank → undefined (the default list applies). */
export function parseAllowList(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value
    .split(',')
    .map((d) => d.trim().toLowerCase().replace(/^\*?\./, ''))
    .filter((d) => d.length > 0);
}
