import { formatMoney, parseMoney } from './money';

describe('money', () => {
  it.each([
    ['12.34', 123400n],
    ['12.3400', 123400n],
    ['0.0001', 1n],
    ['100', 1000000n],
    ['-5.5', -55000n],
  ])('parses %s', (text, minor) => expect(parseMoney(text)).toBe(minor));

  it.each(['12.34567', 'abc', '', '1e5', '12.', '.5', '1,000'])('rejects %p', (text) => expect(parseMoney(text)).toBeNull());

  it.each([
    [123400n, '12.3400'],
    [1n, '0.0001'],
    [0n, '0.0000'],
    [-55000n, '-5.5000'],
    [450, '0.0450'],
  ])('formats %p', (minor, text) => expect(formatMoney(minor)).toBe(text));
});
