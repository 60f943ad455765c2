import { countGsm7Septets, encodeGsm7Unpacked } from './gsm7';
import { GSM7_PART_LIMIT, UCS2_PART_LIMIT, segmentText } from './segment';

const a = (n: number) => 'a'.repeat(n);
const zh = (n: number) => '中'.repeat(n);

describe('segmentText', () => {
  it.each([
    ['empty text is one empty part', '', 'gsm7', 0, [0]],
    ['160 GSM-7 chars fit one SMS', a(160), 'gsm7', 160, [160]],
    ['161 GSM-7 chars need two parts', a(161), 'gsm7', 161, [153, 8]],
    ['306 = 153x2 fills two parts exactly', a(306), 'gsm7', 306, [153, 153]],
    ['307 needs a third part', a(307), 'gsm7', 307, [153, 153, 1]],
    ['extension chars count two septets: 158 + € = 160', a(158) + '€', 'gsm7', 160, [160]],
    ['159 + € = 161 septets splits', a(159) + '€', 'gsm7', 161, [153, 8]],
    ['80 euro signs = 160 septets, one part', '€'.repeat(80), 'gsm7', 160, [160]],
    ['81 euro signs = 162 septets, 76 pairs then 5 pairs', '€'.repeat(81), 'gsm7', 162, [152, 10]],
    ['70 Chinese chars fit one UCS-2 SMS', zh(70), 'ucs2', 70, [70]],
    ['71 Chinese chars need two parts', zh(71), 'ucs2', 71, [67, 4]],
    ['134 = 67x2 fills two parts exactly', zh(134), 'ucs2', 134, [67, 67]],
    ['135 needs a third part', zh(135), 'ucs2', 135, [67, 67, 1]],
    ['one non-GSM char forces UCS-2 for the whole text', a(100) + 'ç', 'ucs2', 101, [67, 34]],
  ])('%s', (_name, text, encoding, units, partUnits) => {
    const result = segmentText(text);
    expect(result.encoding).toBe(encoding);
    expect(result.units).toBe(units);
    expect(result.count).toBe(partUnits.length);
    const measure = encoding === 'gsm7' ? countGsm7Septets : (s: string) => s.length;
    expect(result.segments.map(measure)).toEqual(partUnits);
    expect(result.segments.join('')).toBe(text);
  });

  it('never splits an escape pair across parts', () => {
    // Septets 1..152 are 'a'; '€' would occupy 153..154, so it must open part two.
    const text = a(152) + '€' + a(10);
    const result = segmentText(text);
    expect(result.encoding).toBe('gsm7');
    expect(result.count).toBe(2);
    expect(result.segments[0]).toBe(a(152));
    expect(result.segments[1]).toBe('€' + a(10));
    for (const part of result.segments) {
      const bytes = encodeGsm7Unpacked(part);
      expect(bytes.length).toBeLessThanOrEqual(GSM7_PART_LIMIT);
      expect(bytes[bytes.length - 1]).not.toBe(0x1b);
    }
  });

  it('fills a part to exactly 153 when an escape pair ends on the boundary', () => {
    const result = segmentText(a(151) + '[' + a(20));
    expect(result.segments.map(countGsm7Septets)).toEqual([153, 20]);
  });

  it.each([
    ['one emoji is two UTF-16 units', a(68) + '😀', 1, [70]],
    ['emoji just past 70 units splits', a(69) + '😀', 2, [67, 4]],
  ])('%s', (_name, text, count, partUnits) => {
    const result = segmentText(text);
    expect(result.encoding).toBe('ucs2');
    expect(result.count).toBe(count);
    expect(result.segments.map((s) => s.length)).toEqual(partUnits);
  });

  it('never splits a surrogate pair across parts', () => {
    // Units 1..66 are 'a'; the emoji would take units 67..68, so it must open part two.
    const text = a(66) + '😀' + a(10);
    const result = segmentText(text);
    expect(result.units).toBe(78);
    expect(result.segments).toEqual([a(66), '😀' + a(10)]);
    for (const part of result.segments) {
      expect(part.length).toBeLessThanOrEqual(UCS2_PART_LIMIT);
      expect(part).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
  });

  it('counts a signed Chinese verification code as one UCS-2 part', () => {
    const text = '【阿里云】您的验证码为123456，5分钟内有效，请勿泄露于他人。';
    const result = segmentText(text);
    expect(result).toEqual({ encoding: 'ucs2', segments: [text], count: 1, units: 33 });
  });

  it('splits a long signed Chinese notice into 67-unit parts including the signature', () => {
    const body = '尊敬的客户，您订购的商品已发货，' + zh(60);
    const text = '【签名】' + body; // 4 + 16 + 60 = 80 units
    const result = segmentText(text);
    expect(result.encoding).toBe('ucs2');
    expect(result.units).toBe(80);
    expect(result.count).toBe(2);
    expect(result.segments[0].startsWith('【签名】')).toBe(true);
    expect(result.segments.map((s) => s.length)).toEqual([67, 13]);
  });

  it('treats every GSM basic and extension character as GSM-7', () => {
    const text = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà^{}\\[~]|€\f';
    const result = segmentText(text);
    expect(result.encoding).toBe('gsm7');
    expect(result.units).toBe(Array.from(text).length + 10); // ten extension characters cost one extra septet
  });
});
