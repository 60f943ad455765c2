import type { BlindIndex, DataKeyRing } from '@sms/data-protection';
import { parsePhoneNumber } from '@sms/sms';

/** What dispatch's SQLite adapters seal personal data with and look numbers up by (ADR 0016). */
export interface DataProtection {
  ring: DataKeyRing;
  blindIndex: BlindIndex;
}

/**
 * The blind index of a number as a caller wrote it: normalised as dispatch stores recipients (E.164), so
 * `13800138000`, `+86 138 0013 8000` and `+8613800138000` find the same rows. An address that does not parse (a
 * short code, an alphanumeric sender) is indexed as given, trimmed.
 */
export function phoneIndexOf(blindIndex: BlindIndex, phoneNumber: string): string {
  const parsed = parsePhoneNumber(phoneNumber);
  return blindIndex.of(parsed.ok ? parsed.e164 : phoneNumber.trim());
}
