import fc from 'fast-check';
import { parsePhoneNumber, parsePhoneNumberFully } from './parse';

describe('parsePhoneNumber', () => {
  it.each([
    ['13812345678'],
    ['+8613812345678'],
    ['008613812345678'],
    ['+86 138-1234-5678'],
    ['  138 1234 5678 '],
    ['138.1234.5678'],
  ])('accepts the mainland mobile written as %j', (input) => {
    expect(parsePhoneNumber(input)).toEqual({
      ok: true,
      e164: '+8613812345678',
      countryCode: 'CN',
      callingCode: '86',
      nationalNumber: '13812345678',
      type: 'MOBILE',
      isDomestic: true,
    });
  });

  it.each([
    ['+14155552671', '+14155552671', 'US', '1', 'FIXED_LINE_OR_MOBILE'],
    ['+447400123456', '+447400123456', 'GB', '44', 'MOBILE'],
    ['+852 5123 4567', '+85251234567', 'HK', '852', 'MOBILE'],
  ])('accepts the international number %j', (input, e164, countryCode, callingCode, type) => {
    const result = parsePhoneNumber(input);
    expect(result).toMatchObject({ ok: true, e164, countryCode, callingCode, type, isDomestic: false });
  });

  it('accepts +447911123456 as a +44 mobile (metadata places the range in a Crown dependency)', () => {
    const result = parsePhoneNumber('+447911123456');
    expect(result).toMatchObject({ ok: true, e164: '+447911123456', callingCode: '44', type: 'MOBILE', isDomestic: false });
  });

  it('reads numbers without a prefix in the given default country', () => {
    expect(parsePhoneNumber('07400 123456', 'GB')).toMatchObject({ ok: true, e164: '+447400123456', isDomestic: false });
    expect(parsePhoneNumber('+8613812345678', 'GB')).toMatchObject({ ok: true, isDomestic: true });
  });

  it.each([
    ['mainland landline', '02012345678', /fixed line.*mobile number is required/],
    ['mainland landline in E.164', '+862012345678', /fixed line/],
    ['too short', '1381234567', /not a valid number|too short/],
    ['far too short', '138', /too short/],
    ['too long', '138123456789', /not a valid number|too long/],
    ['much too long', '+86138123456789012', /too long/],
    ['letters', '138abcd5678', /only digits/],
    ['vanity letters', '+1-800-FLOWERS', /only digits/],
    ['empty', '', /empty/],
    ['blank', '   ', /empty/],
    ['unassigned mainland segment', '14012345678', /not a valid number/],
    ['unknown calling code', '+99912345678', /unknown country calling code/],
    ['US toll-free', '+18002530000', /toll free.*mobile number is required/],
    ['GB landline', '+442079460958', /fixed line/],
    ['non-geographic', '+80012345678', /non-geographic|cannot receive SMS/],
  ])('rejects %s (%j) as a value with a reason', (_name, input, detail) => {
    const result = parsePhoneNumber(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('INVALID_PHONE_NUMBER');
    expect(result.detail).toMatch(detail);
  });

  it('does not throw on non-string input reaching it through untyped payloads', () => {
    expect(parsePhoneNumber(undefined as unknown as string)).toMatchObject({ ok: false, code: 'INVALID_PHONE_NUMBER' });
  });
});

describe('the mainland mobile fast path', () => {
  const full = (input: string) => parsePhoneNumberFully(input);

  it('agrees with the full libphonenumber parse on every 11-digit number starting with 1, in every notation', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1\d{10}$/), fc.constantFrom('', '+86', '+86 ', '0086', '86'), fc.boolean(), (digits, prefix, spaced) => {
        const national = spaced ? `${digits.slice(0, 3)} ${digits.slice(3, 7)}-${digits.slice(7)}` : digits;
        const input = `${prefix}${national}`;
        expect(parsePhoneNumber(input)).toEqual(full(input));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees on the prefixes operators actually use', () => {
    for (let prefix = 130; prefix <= 199; prefix++) {
      for (const rest of ['00000000', '12345678', '99999999', '00138000']) {
        const input = `${prefix}${rest}`;
        expect(parsePhoneNumber(input)).toEqual(full(input));
        expect(parsePhoneNumber(`+86${input}`)).toEqual(full(`+86${input}`));
      }
    }
  });
});
