/**
 * Extension codes (DOMAIN §1, §8): each approved signature gets a number of its own, appended to the channel's base
 * source address (`10690000` + `1000`), so a reply to what the handset shows reaches the signature's account. Codes are
 * handed out in order and never handed out twice: a code a handset once saw must never reach someone else.
 */

/** The shortest code is 4 digits, the longest 6: a domestic service number plus its extension stays within 20 digits. */
export const FIRST_EXTENSION_CODE = 1_000;
export const LAST_EXTENSION_CODE = 999_999;
/** How many codes a deployment can ever hand out. */
export const EXTENSION_CODE_CAPACITY = LAST_EXTENSION_CODE - FIRST_EXTENSION_CODE + 1;

/**
 * The code of the `ordinal`-th allocation (1-based): 1000…9999, then 10000…99999, then 100000…999999 — the short
 * codes go first. No code starts with 0, so none reads as another one with a leading zero. `undefined` once every
 * code was handed out (a reply then falls back to the last sender).
 */
export function extensionCode(ordinal: number): string | undefined {
  if (!Number.isSafeInteger(ordinal) || ordinal < 1 || ordinal > EXTENSION_CODE_CAPACITY) return undefined;
  return String(FIRST_EXTENSION_CODE + ordinal - 1);
}

/** Whether `value` is written as a code is: 4–6 digits, no leading zero. */
export function isExtensionCode(value: string): boolean {
  return /^[1-9]\d{3,5}$/.test(value);
}
