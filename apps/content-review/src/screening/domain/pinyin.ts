import { PINYIN } from './char-maps';

/**
 * The spellings a lexicon term is compiled under (lexicon v5): the term itself, and — for a term of two or more
 * Chinese characters — the term with any one of its characters written in pinyin (`代开发票` → `代开fa票`, `dai开发票`…),
 * the commonest evasion of Chinese keyword filters. One character at a time keeps the rest of the term in Chinese, so a
 * variant cannot straddle ordinary English words; whole-pinyin spellings (`daikai`) are left to explicit terms.
 */
export function pinyinSpellings(term: string): string[] {
  const chars = Array.from(term);
  const chinese = chars.filter((ch) => /\p{Script=Han}/u.test(ch)).length;
  if (chinese < 2) return [term];
  const out = [term];
  chars.forEach((ch, i) => {
    const syllable = PINYIN.get(ch.codePointAt(0) ?? 0);
    if (syllable) out.push([...chars.slice(0, i), syllable, ...chars.slice(i + 1)].join(''));
  });
  return out;
}
