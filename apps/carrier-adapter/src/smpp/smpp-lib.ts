import * as smpp from 'smpp';

// Declarations for the untyped package live in types/smpp.d.ts, shared with the simulator.
export { smpp };
export type { Pdu, Session as LibSession } from 'smpp';

const statusNames = new Map<number, string>(Object.entries(smpp.errors).map(([name, code]) => [code, name]));

/** `ESME_RSUBMITFAIL` for 0x45; a generic label for vendor-specific codes. */
export function commandStatusName(status: number): string {
  return statusNames.get(status) ?? `vendor-specific status 0x${status.toString(16).toUpperCase()}`;
}
