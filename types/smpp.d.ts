/** Types for the parts of the untyped `smpp` package (0.5.x) we use: the SMSC simulator and the carrier session. */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server, Socket } from 'node:net';

  export interface Pdu {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): Pdu;
    [field: string]: any;
  }

  export interface Session extends EventEmitter {
    socket: Socket;
    send(pdu: Pdu, onResponse?: (response: Pdu) => void, onSent?: (pdu: Pdu) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
  }

  export function createServer(options: Record<string, unknown>, listener: (session: Session) => void): Server;
  export function connect(options: { host: string; port: number }): Session;
  export const PDU: new (command: string, options?: Record<string, unknown>) => Pdu;
  export const errors: Record<string, number>;
  export const commands: Record<string, unknown>;
}
