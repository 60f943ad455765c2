import { normalise, normaliseToString } from './normalise';

describe('normalise', () => {
  it('folds full-width characters to half-width and case-folds', () => {
    expect(normaliseToString('ＣＡＳＩＮＯ')).toBe('casino');
    expect(normaliseToString('验证码１２３')).toBe('验证码123');
    expect(normaliseToString('CaSiNo')).toBe('casino');
  });

  it('removes spaces, punctuation, symbols and zero-width characters between characters', () => {
    expect(normaliseToString('赌 博')).toBe('赌博');
    expect(normaliseToString('赌.博')).toBe('赌博');
    expect(normaliseToString('赌*#博')).toBe('赌博');
    expect(normaliseToString('赌\u200b博')).toBe('赌博');
    expect(normaliseToString('赌\u200d\ufeff博')).toBe('赌博');
    expect(normaliseToString('赌\u3000博')).toBe('赌博');
    expect(normaliseToString('【阿里云】')).toBe('阿里云');
  });

  it('maps look-alike letters from other scripts onto Latin letters', () => {
    // Cyrillic с, а, о and Greek ο.
    expect(normaliseToString('\u0441\u0430sin\u043e')).toBe('casino');
    expect(normaliseToString('p\u03bfrn')).toBe('porn');
  });

  it('drops diacritics', () => {
    expect(normaliseToString('càsìnò')).toBe('casino');
  });

  it('reads digits inside Latin words as the letters they imitate, and leaves other digits alone', () => {
    expect(normaliseToString('c4sin0')).toBe('casino');
    expect(normaliseToString('p00rn')).toBe('poorn');
    expect(normaliseToString('验证码123456')).toBe('验证码123456');
    // Only the digit touching the letter folds; the rest of a code stays digits.
    expect(normaliseToString('code 123456')).toBe('codei23456');
  });

  it('folds l and 1-in-a-word onto i', () => {
    expect(normaliseToString('viagra')).toBe(normaliseToString('v1agra'));
    expect(normaliseToString('lottery')).toBe('iottery');
  });

  it('maps traditional characters to simplified ones', () => {
    expect(normaliseToString('賭博')).toBe('赌博');
    expect(normaliseToString('時時彩')).toBe('时时彩');
    expect(normaliseToString('槍支')).toBe('枪支');
  });

  it('maps Chinese and circled numerals onto digits', () => {
    expect(normaliseToString('六合彩')).toBe('6合彩');
    expect(normaliseToString('陆合彩')).toBe('6合彩');
    expect(normaliseToString('陸合彩')).toBe('6合彩');
    expect(normaliseToString('⑥合彩')).toBe('6合彩');
    expect(normaliseToString('〇一二三四五六七八九')).toBe('0123456789');
  });

  it('remembers where each folded character came from, counting UTF-16 units', () => {
    // 𠀀 (U+20000) is a letter outside the BMP, two UTF-16 units; the emoji is a symbol and is dropped.
    const text = '😀𠀀 赌, 博';
    const { codePoints, sources } = normalise(text);
    expect(String.fromCodePoint(...codePoints)).toBe('𠀀赌博');
    expect(sources).toEqual([2, 5, 8]);
  });
});
