/**
 * Types for the parts of the untyped `smpp` package (0.5.x) we use. Code imports it only through the facade
 * libs/carrier-protocols/src/smpp/smpp-lib.ts (the carrier session, the SMSC simulator and the codec's tests).
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Socket } from 'node:net';

  export interface Pdu {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): Pdu;
    /** The PDU on the wire: header, body and TLVs. */
    toBuffer(): Buffer;
    [field: string]: any;
  }

  export interface Session extends EventEmitter {
    socket: Socket;
    send(pdu: Pdu, onResponse?: (response: Pdu) => void, onSent?: (pdu: Pdu) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
  }

  export function connect(options: { host: string; port: number }): Session;
  export const PDU: {
    new (command: string, options?: object): Pdu;
    /** Parses one whole PDU; false when the buffer holds less than its command_length. */
    fromBuffer(buffer: Buffer): Pdu | false;
  };
  export const errors: Record<string, number>;
  export const commands: Record<string, unknown>;
}
