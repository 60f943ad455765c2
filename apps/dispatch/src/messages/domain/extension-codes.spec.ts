import { EXTENSION_CODE_CAPACITY, extensionCode, isExtensionCode } from './extension-codes';

describe('extension codes', () => {
  it('hands out 4-digit codes first, then 5, then 6, in order', () => {
    expect([1, 2, 9_000].map(extensionCode)).toEqual(['1000', '1001', '9999']);
    expect([9_001, 99_000].map(extensionCode)).toEqual(['10000', '99999']);
    expect([99_001, EXTENSION_CODE_CAPACITY].map(extensionCode)).toEqual(['100000', '999999']);
  });

  it('answers nothing once every code is taken, and for ordinals that are not ones', () => {
    for (const ordinal of [EXTENSION_CODE_CAPACITY + 1, 0, -1, 1.5, Number.NaN]) expect(extensionCode(ordinal)).toBeUndefined();
  });

  it('never gives one code twice, and every code reads as one', () => {
    const seen = new Set<string>();
    for (let ordinal = 1; ordinal <= EXTENSION_CODE_CAPACITY; ordinal += 997) {
      const code = extensionCode(ordinal) as string;
      expect(isExtensionCode(code)).toBe(true);
      expect(seen.has(code)).toBe(false);
      seen.add(code);
    }
  });

  it('tells a code from what is not one', () => {
    for (const value of ['1000', '54321', '999999']) expect(isExtensionCode(value)).toBe(true);
    for (const value of ['', '999', '0123', '1000000', '12a4', ' 1000', '+1000']) expect(isExtensionCode(value)).toBe(false);
  });
});
