import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

// A mainland mobile written without `+`: 11 digits starting with 1, optionally after 86.
const CN_MOBILE_DIGITS = /^(?:86)?1\d{10}$/;

/**
 * Masks a phone number for logs and displays, revealing at most 7 digits:
 * - mainland China: first 3 and last 4 national digits, `138****5678` (the form operators and DOMAIN §6 use);
 * - elsewhere: `+CC`, first 2 and last 2 national digits, one `*` per hidden digit, `+44 79******56`
 *   (a calling code has at most 3 digits, so ≤ 7 revealed; national numbers under 8 digits keep 1 + 1,
 *   under 5 keep none);
 * - anything else (not `+`/`00`-led and possible, nor a bare mainland mobile): its digits alone, first 3 + last 4 from 11 digits up, first 2 + last 2 from 7,
 *   otherwise every digit hidden.
 */
export function maskPhoneNumber(input: string): string {
  const trimmed = input.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (/^(?:\+|00)/.test(trimmed)) {
    const parsed = parsePhoneNumberFromString(trimmed, 'CN'); // CN: `00` is read as the international prefix
    if (parsed && parsed.isPossible()) return maskNational(parsed.countryCallingCode, parsed.nationalNumber);
  } else if (CN_MOBILE_DIGITS.test(digits)) {
    return keepEnds(digits.slice(-11), 3, 4);
  }
  const prefix = trimmed.startsWith('+') ? '+' : '';
  if (digits.length >= 11) return prefix + keepEnds(digits, 3, 4);
  if (digits.length >= 7) return prefix + keepEnds(digits, 2, 2);
  return prefix + '*'.repeat(digits.length);
}

function maskNational(callingCode: string, national: string): string {
  if (callingCode === '86' && national.length === 11) return keepEnds(national, 3, 4);
  const keep = national.length >= 8 ? 2 : national.length >= 5 ? 1 : 0;
  return `+${callingCode} ${keepEnds(national, keep, keep)}`;
}

function keepEnds(digits: string, head: number, tail: number): string {
  return digits.slice(0, head) + '*'.repeat(digits.length - head - tail) + digits.slice(digits.length - tail);
}

// A run of ≥ 7 digits, optionally led by `+` (or `%2B`, a URL-encoded `+` as in `?phoneNumber=%2B8613812345678`),
// single spaces or dashes between digits; not glued to a letter or digit, so hexadecimal ids (trace ids, hashes)
// stay intact while `手机13812345678` is still caught.
const PHONE_LIKE = /(?<![A-Za-z0-9])(?:\+|%2[Bb])?\d(?:[ -]?\d){6,}(?![A-Za-z0-9])/;
const ENCODED_PLUS = /^%2B/i;
// A UUID (message, batch, event ids) can hold digit-only groups (`…-4012-8830-…`) that would read as a number.
const UUID = /[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/;
// UUIDs are matched first, at the same position, so they are passed over whole.
const UUID_OR_PHONE = new RegExp(`(${UUID.source})|${PHONE_LIKE.source}`, 'g');
// Calendar dates (`2024-01-15 10`) look like digit runs; they are left alone.
const LEADING_DATE = /^(?:19|20)\d{2}-\d{2}-\d{2}(?!\d)/;

/** Masks every phone-like digit run in free text (used by the logger on every string it writes). */
export function maskPhoneNumbersInText(text: string): string {
  return text.replace(UUID_OR_PHONE, (run, uuid?: string) => (uuid || LEADING_DATE.test(run) ? run : maskPhoneNumber(run.replace(ENCODED_PLUS, '+'))));
}
