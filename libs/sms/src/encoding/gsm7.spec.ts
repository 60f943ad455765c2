import fc from 'fast-check';
import { concatenationUdh } from './udh';
import { countGsm7Septets, decodeGsm7Unpacked, encodeGsm7Unpacked, gsm7SeptetsOf, isGsm7 } from './gsm7';
import { decodeUcs2, encodeUcs2 } from './ucs2';

describe('GSM-7 alphabet', () => {
  it.each([
    ['A', 1],
    ['@', 1],
    ['Δ', 1],
    ['\n', 1],
    ['€', 2],
    ['^', 2],
    ['{', 2],
    ['}', 2],
    ['\\', 2],
    ['[', 2],
    ['~', 2],
    [']', 2],
    ['|', 2],
    ['\f', 2],
    ['\u001b', 0], // the escape code is not a sendable character
    ['ç', 0],
    ['`', 0],
    ['中', 0],
    ['😀', 0],
  ])('%j costs %d septets', (char, septets) => {
    expect(gsm7SeptetsOf(char)).toBe(septets);
  });

  it('detects GSM-7 and counts septets', () => {
    expect(isGsm7('Your code is 1234 {ok}')).toBe(true);
    expect(countGsm7Septets('Your code is 1234 {ok}')).toBe(24);
    expect(isGsm7('Hello 世界')).toBe(false);
    expect(() => countGsm7Septets('Hello 世界')).toThrow(RangeError);
  });
});

describe('encodeGsm7Unpacked', () => {
  it.each([
    ['Hello', [0x48, 0x65, 0x6c, 0x6c, 0x6f]],
    ['@£$', [0x00, 0x01, 0x02]],
    ['A€', [0x41, 0x1b, 0x65]],
    ['^{}\\[~]|\f', [0x1b, 0x14, 0x1b, 0x28, 0x1b, 0x29, 0x1b, 0x2f, 0x1b, 0x3c, 0x1b, 0x3d, 0x1b, 0x3e, 0x1b, 0x40, 0x1b, 0x0a]],
    ['¿àÉ', [0x60, 0x7f, 0x1f]],
  ])('%j encodes to one septet per byte', (text, bytes) => {
    expect([...encodeGsm7Unpacked(text)]).toEqual(bytes);
  });

  it('round-trips the whole alphabet through decode', () => {
    const text = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCXYZÄÖÑÜ§¿abcxyzäöñüà^{}\\[~]|€\f';
    const bytes = encodeGsm7Unpacked(text);
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    expect(bytes.length).toBe(countGsm7Septets(text));
    expect(decodeGsm7Unpacked(bytes)).toBe(text);
  });

  it('refuses characters outside the alphabet', () => {
    expect(() => encodeGsm7Unpacked('中')).toThrow(/U\+4E2D/);
    expect(() => encodeGsm7Unpacked('ok 😀')).toThrow(/U\+1F600/);
  });

  it('agrees per character with the alphabet for any text, and round-trips what it accepts', () => {
    const alphabet = [...'@£$¥èΔ_ΦÆæßÉ !"#¤%&\'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà^{}\\[~]|€\f\n\r'];
    const char = fc.oneof(fc.constantFrom(...alphabet), fc.constantFrom('ç', '`', '中', '😀', '\u001b', '\u00a0'));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 60 }), (chars) => {
        const text = chars.join('');
        const gsm = chars.every((c) => gsm7SeptetsOf(c) > 0);
        expect(isGsm7(text)).toBe(gsm);
        if (!gsm) return expect(() => encodeGsm7Unpacked(text)).toThrow(RangeError);
        const bytes = encodeGsm7Unpacked(text);
        expect(bytes.length).toBe(chars.reduce((sum, c) => sum + gsm7SeptetsOf(c), 0));
        expect(countGsm7Septets(text)).toBe(bytes.length);
        expect(decodeGsm7Unpacked(bytes)).toBe(text);
      }),
    );
  });

  it('decodes an unknown or dangling escape as a space', () => {
    expect(decodeGsm7Unpacked(Uint8Array.from([0x41, 0x1b, 0x01, 0x42, 0x1b]))).toBe('A B ');
  });
});

describe('encodeUcs2', () => {
  it.each([
    ['A', [0x00, 0x41]],
    ['中文', [0x4e, 0x2d, 0x65, 0x87]],
    ['【', [0x30, 0x10]],
    ['😀', [0xd8, 0x3d, 0xde, 0x00]],
  ])('%j is UTF-16BE', (text, bytes) => {
    expect([...encodeUcs2(text)]).toEqual(bytes);
    expect(decodeUcs2(encodeUcs2(text))).toBe(text);
  });
});

describe('concatenationUdh', () => {
  it('builds the 6-byte 8-bit-reference header', () => {
    expect([...concatenationUdh(0x2a, 3, 1)]).toEqual([0x05, 0x00, 0x03, 0x2a, 0x03, 0x01]);
    expect([...concatenationUdh(255, 255, 255)]).toEqual([0x05, 0x00, 0x03, 0xff, 0xff, 0xff]);
  });

  it.each([
    [256, 2, 1],
    [-1, 2, 1],
    [1, 0, 1],
    [1, 2, 0],
    [1, 2, 3],
    [1.5, 2, 1],
  ])('rejects ref=%d total=%d seq=%d', (ref, total, seq) => {
    expect(() => concatenationUdh(ref, total, seq)).toThrow(RangeError);
  });
});
