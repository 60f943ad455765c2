import { normalise, normaliseToString } from './normalise';

describe('normalise', () => {
  it('DOMAIN §3 full-width/half-width and case: folds full-width characters to half-width and case-folds', () => {
    expect(normaliseToString('ＣＡＳＩＮＯ')).toBe('casino');
    expect(normaliseToString('验证码１２３')).toBe('验证码123');
    expect(normaliseToString('CaSiNo')).toBe('casino');
  });

  it('DOMAIN §3 inserted spaces or symbols: removes spaces, punctuation, symbols and zero-width characters between characters', () => {
    expect(normaliseToString('赌 博')).toBe('赌博');
    expect(normaliseToString('赌.博')).toBe('赌博');
    expect(normaliseToString('赌*#博')).toBe('赌博');
    expect(normaliseToString('赌\u200b博')).toBe('赌博');
    expect(normaliseToString('赌\u200d\ufeff博')).toBe('赌博');
    expect(normaliseToString('赌\u3000博')).toBe('赌博');
    expect(normaliseToString('【阿里云】')).toBe('阿里云');
  });

  it('DOMAIN §3 homoglyphs: maps look-alike letters from other scripts onto Latin letters', () => {
    // Cyrillic с, а, о and Greek ο.
    expect(normaliseToString('\u0441\u0430sin\u043e')).toBe('casino');
    expect(normaliseToString('p\u03bfrn')).toBe('porn');
  });

  it('DOMAIN §3 homoglyphs: drops diacritics', () => {
    expect(normaliseToString('càsìnò')).toBe('casino');
  });

  it('DOMAIN §3 homoglyphs: reads digits inside Latin words as the letters they imitate, and leaves other digits alone', () => {
    expect(normaliseToString('c4sin0')).toBe('casino');
    expect(normaliseToString('p00rn')).toBe('poorn');
    expect(normaliseToString('验证码123456')).toBe('验证码123456');
    // Only the digit touching the letter folds; the rest of a code stays digits.
    expect(normaliseToString('code 123456')).toBe('codei23456');
  });

  it('DOMAIN §3 homoglyphs: folds l and 1-in-a-word onto i', () => {
    expect(normaliseToString('viagra')).toBe(normaliseToString('v1agra'));
    expect(normaliseToString('lottery')).toBe('iottery');
  });

  it('DOMAIN §3 traditional/simplified variants: maps traditional characters to simplified ones', () => {
    expect(normaliseToString('賭博')).toBe('赌博');
    expect(normaliseToString('時時彩')).toBe('时时彩');
    expect(normaliseToString('槍支')).toBe('枪支');
  });

  it('DOMAIN §3 digits spelled out: maps Chinese and circled numerals onto digits', () => {
    expect(normaliseToString('六合彩')).toBe('6合彩');
    expect(normaliseToString('陆合彩')).toBe('6合彩');
    expect(normaliseToString('陸合彩')).toBe('6合彩');
    expect(normaliseToString('⑥合彩')).toBe('6合彩');
    expect(normaliseToString('〇一二三四五六七八九')).toBe('0123456789');
  });

  it('ADR 0031 source-index map: remembers where each folded character came from, counting UTF-16 units', () => {
    // 𠀀 (U+20000) is a letter outside the BMP, two UTF-16 units; the emoji is a symbol and is dropped.
    const text = '😀𠀀 赌, 博';
    const { codePoints, sources } = normalise(text);
    expect(String.fromCodePoint(...codePoints)).toBe('𠀀赌博');
    expect(sources).toEqual([2, 5, 8]);
  });

  it('DOMAIN §3 digits spelled out: reads 十 by position, 幺 as one, and financial, circled and full-width digits', () => {
    expect(normaliseToString('三十五')).toBe('35');
    expect(normaliseToString('十五')).toBe('15');
    expect(normaliseToString('三十')).toBe('30');
    expect(normaliseToString('十')).toBe('10');
    expect(normaliseToString('幺三八')).toBe('138');
    expect(normaliseToString('壹贰叁肆伍陆柒捌玖零')).toBe('1234567890');
    expect(normaliseToString('①②③')).toBe('123');
    expect(normaliseToString('１３８')).toBe('138');
    expect(normaliseToString('拾取')).toBe('拾取');
    expect(normaliseToString('贰拾')).toBe('20');
  });

  it('DOMAIN §3 digits spelled out: keeps every digit of a spelled-out ten pointing at its source', () => {
    const { codePoints, sources } = normalise('号码：十');
    expect(String.fromCodePoint(...codePoints)).toBe('号码10');
    expect(sources).toEqual([0, 1, 3, 3]);
  });

  it('DOMAIN §3 homoglyphs: upper-case Cyrillic and Greek look-alikes fold like the lower-case ones', () => {
    expect(normaliseToString('\u0421\u0410SIN\u041e')).toBe('casino');
    expect(normaliseToString('\u0392\u0395T')).toBe('bet');
  });

  it('DOMAIN §3 traditional/simplified: folds the traditional forms of words the lexicon and the rules use', () => {
    expect(normaliseToString('詐騙轉賬匯款銀聯帳戶')).toBe('诈骗转账汇款银联账户');
    expect(normaliseToString('恭喜中獎，請繳納手續費')).toBe('恭喜中奖请缴纳手续费');
  });
});
