/** SMPP address with its type of number and numbering plan (SMPP 3.4 §5.2.5–5.2.6). */
export interface SmppAddress {
  addr: string;
  ton: number;
  npi: number;
}

export const TON = { UNKNOWN: 0, INTERNATIONAL: 1, NATIONAL: 2, ALPHANUMERIC: 5 } as const;
export const NPI = { UNKNOWN: 0, ISDN: 1 } as const;

/**
 * How we put a number or sender on the wire: E.164 (`+8613800138000`) → international ISDN without the
 * plus; plain digits (short codes, SP numbers) → unknown TON, ISDN plan; anything else → alphanumeric.
 */
export function toSmppAddress(value: string): SmppAddress {
  const trimmed = value.trim();
  if (/^\+\d+$/.test(trimmed)) return { addr: trimmed.slice(1), ton: TON.INTERNATIONAL, npi: NPI.ISDN };
  if (/^\d*$/.test(trimmed)) return { addr: trimmed, ton: TON.UNKNOWN, npi: NPI.ISDN };
  return { addr: trimmed, ton: TON.ALPHANUMERIC, npi: NPI.UNKNOWN };
}

/** The reverse for addresses we receive: an international number gets its plus back, others stay as sent. */
export function fromSmppAddress(addr: string, ton: number | undefined): string {
  if (ton === TON.INTERNATIONAL && /^\d+$/.test(addr)) return `+${addr}`;
  return addr;
}
