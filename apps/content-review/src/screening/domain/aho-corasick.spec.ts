import { AhoCorasick } from './aho-corasick';

const cps = (s: string) => Array.from(s, (c) => c.codePointAt(0) ?? 0);

function found(patterns: string[], text: string): Array<[string, number]> {
  const automaton = new AhoCorasick(patterns.map(cps));
  return automaton
    .search(cps(text))
    .map((h): [string, number] => [patterns[h.pattern], h.start])
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
}

describe('AhoCorasick', () => {
  it('finds every occurrence of every pattern, overlapping ones included', () => {
    expect(found(['he', 'she', 'his', 'hers'], 'ushers')).toEqual([
      ['she', 1],
      ['he', 2],
      ['hers', 2],
    ]);
  });

  it('follows failure links into patterns that are suffixes of longer ones', () => {
    expect(found(['abcd', 'bc', 'c'], 'abcx')).toEqual([
      ['bc', 1],
      ['c', 2],
    ]);
  });

  it('finds repeated occurrences', () => {
    expect(found(['aa'], 'aaaa')).toEqual([
      ['aa', 0],
      ['aa', 1],
      ['aa', 2],
    ]);
  });

  it('works on CJK code points and reports nothing when there is nothing', () => {
    expect(found(['赌博', '博彩'], '网上赌博彩票')).toEqual([
      ['赌博', 2],
      ['博彩', 3],
    ]);
    expect(found(['赌博'], '验证码123456')).toEqual([]);
  });

  it('rejects an empty pattern', () => {
    expect(() => new AhoCorasick([[]])).toThrow('empty');
  });
});
