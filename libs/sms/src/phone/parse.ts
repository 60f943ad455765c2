import { Metadata } from 'libphonenumber-js/core';
import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/metadata.max.json';

export type PhoneNumberType = 'MOBILE' | 'FIXED_LINE_OR_MOBILE';

export interface ParsedPhoneNumber {
  ok: true;
  /** Normalised form, e.g. `+8613812345678`. */
  e164: string;
  /** ISO 3166-1 alpha-2 region, e.g. `CN`. */
  countryCode: string;
  /** Country calling code without `+`, e.g. `86`. */
  callingCode: string;
  nationalNumber: string;
  type: PhoneNumberType;
  /** Mainland China (+86): routed to domestic operators, needs a signature. */
  isDomestic: boolean;
}

export interface InvalidPhoneNumber {
  ok: false;
  code: 'INVALID_PHONE_NUMBER';
  detail: string;
}

export type PhoneNumberResult = ParsedPhoneNumber | InvalidPhoneNumber;

const DOMESTIC_CALLING_CODE = '86';
// Digits with the separators people type; letters (vanity numbers) and anything else are refused.
const ALLOWED_INPUT = /^\+?[\d\s\-().]+$/;
const MAX_INPUT_LENGTH = 32;

/**
 * Validates and normalises a recipient number for SMS. Numbers without a `+` or international prefix are
 * read as numbers of `defaultCountry` (`00` is the international prefix from China). Mainland numbers must be
 * mobile; elsewhere MOBILE or FIXED_LINE_OR_MOBILE (regions such as the US cannot tell them apart).
 */
export function parsePhoneNumber(input: string, defaultCountry = 'CN'): PhoneNumberResult {
  const raw = typeof input === 'string' ? input.trim() : '';
  if (raw === '') return invalid('empty phone number');
  if (raw.length > MAX_INPUT_LENGTH) return invalid('phone number is too long');
  if (!ALLOWED_INPUT.test(raw)) return invalid('phone number may contain only digits, a leading +, spaces and dashes');

  return (defaultCountry === 'CN' && mainlandMobile(raw)) || parseWithLibphonenumber(raw, defaultCountry);
}

/** The full parse every number could take; `parsePhoneNumber` answers the common mainland mobile case faster. */
export function parsePhoneNumberFully(input: string, defaultCountry = 'CN'): PhoneNumberResult {
  const raw = typeof input === 'string' ? input.trim() : '';
  if (raw === '') return invalid('empty phone number');
  if (raw.length > MAX_INPUT_LENGTH) return invalid('phone number is too long');
  if (!ALLOWED_INPUT.test(raw)) return invalid('phone number may contain only digits, a leading +, spaces and dashes');
  return parseWithLibphonenumber(raw, defaultCountry);
}

function parseWithLibphonenumber(raw: string, defaultCountry: string): PhoneNumberResult {
  const country = defaultCountry as CountryCode;
  const parsed = parsePhoneNumberFromString(raw, country);
  if (!parsed || !parsed.isValid()) {
    const length = validatePhoneNumberLength(raw, country);
    if (length === 'TOO_SHORT' || length === 'NOT_A_NUMBER') return invalid('phone number is too short');
    if (length === 'TOO_LONG') return invalid('phone number is too long');
    if (length === 'INVALID_COUNTRY') return invalid('unknown country calling code');
    return invalid(parsed ? `not a valid number for +${parsed.countryCallingCode}` : 'not a phone number');
  }

  const callingCode = String(parsed.countryCallingCode);
  const isDomestic = callingCode === DOMESTIC_CALLING_CODE;
  const type = parsed.getType();
  if (!isSmsCapable(type, isDomestic)) {
    const where = isDomestic ? 'mainland China ' : '';
    return invalid(`${where}${describeType(type)} number cannot receive SMS; a mobile number is required`);
  }
  if (!parsed.country) return invalid(`+${callingCode} is a non-geographic number`);

  return {
    ok: true,
    e164: parsed.number,
    countryCode: parsed.country,
    callingCode,
    nationalNumber: parsed.nationalNumber,
    type,
    isDomestic,
  };
}

/**
 * Mainland mobile numbers are most of what a send carries, and libphonenumber tries every number type's pattern on
 * each. Written as 1xxxxxxxxxx or +86 1xxxxxxxxxx (with the usual separators), a number whose digits match CN's
 * MOBILE pattern — read from libphonenumber's own metadata, so both paths agree by construction — is answered
 * directly; anything else takes the full parse. A property test checks the two paths agree.
 */
const CN_MOBILE = (() => {
  const plan = new Metadata(metadata);
  plan.selectNumberingPlan('CN');
  // `type()` is in libphonenumber-js's metadata API but not in its typings.
  const pattern = (plan.numberingPlan as unknown as { type(name: string): { pattern(): string } | undefined } | undefined)?.type('MOBILE')?.pattern();
  return pattern ? new RegExp(`^(?:${pattern})$`) : undefined;
})();
const SEPARATORS = /[\s\-().]/g;
const MAINLAND_FORMS = /^(?:\+86)?(1\d{10})$/;

function mainlandMobile(raw: string): ParsedPhoneNumber | undefined {
  const match = MAINLAND_FORMS.exec(raw.replace(SEPARATORS, ''));
  if (!match || !CN_MOBILE?.test(match[1])) return undefined;
  const nationalNumber = match[1];
  return { ok: true, e164: `+86${nationalNumber}`, countryCode: 'CN', callingCode: '86', nationalNumber, type: 'MOBILE', isDomestic: true };
}

function isSmsCapable(type: string | undefined, isDomestic: boolean): type is PhoneNumberType {
  return type === 'MOBILE' || (!isDomestic && type === 'FIXED_LINE_OR_MOBILE');
}

function invalid(detail: string): InvalidPhoneNumber {
  return { ok: false, code: 'INVALID_PHONE_NUMBER', detail };
}

function describeType(type: string | undefined): string {
  return type ? type.toLowerCase().replace(/_/g, ' ') : 'unclassified';
}
