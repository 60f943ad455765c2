import type { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';

/** The parts of the untyped `smpp` package (0.5.x) the client session uses. */
export interface Pdu {
  command: string;
  command_status: number;
  sequence_number: number;
  isResponse(): boolean;
  response(options?: Record<string, unknown>): Pdu;
  [field: string]: any;
}

export interface LibSession extends EventEmitter {
  socket: Socket;
  send(pdu: Pdu, onResponse?: (response: Pdu) => void, onSent?: (pdu: Pdu) => void): boolean;
  close(callback?: () => void): void;
  destroy(callback?: () => void): void;
}

export interface SmppLib {
  connect(options: { host: string; port: number }): LibSession;
  PDU: new (command: string, options?: Record<string, unknown>) => Pdu;
  errors: Record<string, number>;
  commands: Record<string, unknown>;
}

// The package ships no type declarations; this typed facade keeps `any` out of the session code.
export const smpp: SmppLib = require('smpp');

const statusNames = new Map<number, string>(Object.entries(smpp.errors).map(([name, code]) => [code, name]));

/** `ESME_RSUBMITFAIL` for 0x45; a generic label for vendor-specific codes. */
export function commandStatusName(status: number): string {
  return statusNames.get(status) ?? `vendor-specific status 0x${status.toString(16).toUpperCase()}`;
}
