import { maskPhoneNumber, maskPhoneNumbersInText } from './mask';

const revealedDigits = (masked: string) => masked.replace(/\D/g, '').length;

describe('maskPhoneNumber', () => {
  it.each([
    ['+8613812345678', '138****5678'],
    ['13812345678', '138****5678'],
    ['8613812345678', '138****5678'],
    ['008613812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['+447911123456', '+44 79******56'],
    ['+14155552671', '+1 41******71'],
    ['+85251234567', '+852 51****67'],
    ['+862012345678', '+86 20******78'],
    ['12345678', '12****78'],
    ['123456789012345', '123********2345'],
    ['12345', '*****'],
  ])('%j → %j', (input, masked) => {
    expect(maskPhoneNumber(input)).toBe(masked);
  });

  it.each(['+8613812345678', '+447911123456', '+14155552671', '+85251234567', '+9715012345678', '123456789012345678'])(
    'reveals at most 7 digits of %j',
    (input) => {
      expect(revealedDigits(maskPhoneNumber(input))).toBeLessThanOrEqual(7);
    },
  );
});

describe('maskPhoneNumbersInText', () => {
  it.each([
    ['send to 13812345678 ok', 'send to 138****5678 ok'],
    ['to +8613812345678,+447911123456.', 'to 138****5678,+44 79******56.'],
    ['手机号13812345678的短信', '手机号138****5678的短信'],
    ['call +86 138-1234-5678 now', 'call 138****5678 now'],
    ['"recipient":"13812345678"', '"recipient":"138****5678"'],
    ['ids 1234567 and 7654321', 'ids 12***67 and 76***21'],
    ['++8613812345678', '+138****5678'],
    ['GET /v1/messages?phoneNumber=%2B8613812345678&x=1', 'GET /v1/messages?phoneNumber=138****5678&x=1'],
    ['to=%2b447911123456', 'to=+44 79******56'],
  ])('%j → %j', (input, masked) => {
    expect(maskPhoneNumbersInText(input)).toBe(masked);
  });

  it.each([
    ['short numbers', 'code 123456, retry 3'],
    ['hex trace ids', 'trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7'],
    ['UUIDs with digit-only groups', 'message 0cd32cbb-c3bc-4012-8830-1d60f75f94f9 and 12345678-1234-4123-8123-123456789012'],
    ['dates', 'scheduled 2024-01-15 10:00 and 2024-01-15T10:00:00Z'],
    ['no digits', 'nothing to see'],
  ])('leaves %s alone', (_name, input) => {
    expect(maskPhoneNumbersInText(input)).toBe(input);
  });
});
