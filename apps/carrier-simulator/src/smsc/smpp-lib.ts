import type { EventEmitter } from 'node:events';
import type { Server, Socket } from 'node:net';

/** The parts of the untyped `smpp` package (0.5.x) the simulator uses. */
export interface Pdu {
  command: string;
  command_id: number;
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
  createServer(options: Record<string, unknown>, listener: (session: LibSession) => void): Server;
  /** Client side; the simulator's own tests play the ESME with it. */
  connect(options: { host: string; port: number }): LibSession;
  PDU: new (command: string, options?: Record<string, unknown>) => Pdu;
  errors: Record<string, number>;
  commands: Record<string, unknown>;
}

// The package ships no type declarations; this typed facade keeps `any` out of the simulator.
export const smpp: SmppLib = require('smpp');
