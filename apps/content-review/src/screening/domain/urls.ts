/**
 * URLs in a message (ADR 0031): found in the original text (the normaliser drops the dots), with full-width letters
 * and ideographic full stops read as ASCII so `ｗｗｗ。example。com` is still a URL. Only hosts on the allow-list pass.
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

export function findUrls(text: string): UrlFound[] {
  const found: UrlFound[] = [];
  for (const m of text.matchAll(URL)) {
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
