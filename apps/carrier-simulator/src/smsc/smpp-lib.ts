import * as smpp from 'smpp';

// Declarations for the untyped package live in types/smpp.d.ts, shared with the carrier adapter.
export { smpp };
export type { Pdu, Session as LibSession } from 'smpp';
