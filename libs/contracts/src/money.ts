/**
 * Money is integer minor units: 1/10000 of the currency unit (DOMAIN.md §4). On the wire (REST) it is a decimal
 * string with exactly 4 places; internal events carry minor units as JSON integers (safe up to 9e11 units).
 */
export const MINOR_PER_UNIT = 10_000n;

const DECIMAL = /^(-)?(\d{1,15})(?:\.(\d{1,4}))?$/;

/** Parses "12.34" / "12.3400" / "12" into minor units; null when the text is not a decimal with ≤ 4 places. */
export function parseMoney(text: string): bigint | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, sign, units, fraction = ''] = match;
  const minor = BigInt(units) * MINOR_PER_UNIT + BigInt(fraction.padEnd(4, '0'));
  return sign ? -minor : minor;
}

/** Formats minor units as a decimal string with 4 places, e.g. 123400n → "12.3400". */
export function formatMoney(minor: bigint | number): string {
  const value = BigInt(minor);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const units = abs / MINOR_PER_UNIT;
  const fraction = (abs % MINOR_PER_UNIT).toString().padStart(4, '0');
  return `${negative ? '-' : ''}${units}.${fraction}`;
}
