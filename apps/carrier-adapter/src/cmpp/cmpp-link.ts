import { EventEmitter } from 'node:events';
import * as net from 'node:net';
import { CmppFrameDecoder, CorkedWriter, encodeCmppPdu, SequenceNumbers, type CmppPdu, type CmppProtocolError, type CmppVersion } from '@sms/carrier-protocols';

export interface CmppLinkEvents {
  pdu: [pdu: CmppPdu];
  /** A frame that could not be read (`CmppProtocolError`; the socket is destroyed when it is fatal) or a socket error. */
  error: [error: Error | CmppProtocolError];
  close: [];
  connect: [];
}

/**
 * One CMPP peer over a socket: frames and decodes incoming PDUs with the codec's `CmppFrameDecoder` and writes
 * encoded ones corked per tick, so a window's worth of submits leaves in one writev — the SMPP side's
 * `SmppConnection` for CMPP. Connecting, windowing and matching answers stay with the session.
 */
export class CmppLink extends EventEmitter<CmppLinkEvents> {
  private readonly decoder: CmppFrameDecoder;
  private readonly sequences = new SequenceNumbers();
  private readonly writer: CorkedWriter;

  constructor(
    readonly socket: net.Socket,
    version: CmppVersion,
  ) {
    super();
    this.decoder = new CmppFrameDecoder(version);
    this.writer = new CorkedWriter(socket);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('connect', () => this.emit('connect'));
    socket.on('error', (error) => this.emit('error', error));
    socket.on('close', () => this.emit('close'));
  }

  /** The layout SUBMIT, DELIVER and their answers are written and read in. */
  get version(): CmppVersion {
    return this.decoder.version;
  }

  /** Next Sequence_Id (1..0x7FFFFFFF, wraps to 1). */
  nextSequence(): number {
    return this.sequences.next();
  }

  /**
   * Writes an encoded PDU; false when the socket is no longer writable. The socket stays corked until the end of this
   * tick, so a burst of writes leaves together. onSent runs once the write is flushed (or failed).
   */
  write(bytes: Buffer, onSent?: () => void): boolean {
    return this.writer.write(bytes, onSent);
  }

  /** Encodes in this link's version and writes. */
  send(pdu: CmppPdu, onSent?: () => void): boolean {
    if (!this.socket.writable) return false;
    return this.write(encodeCmppPdu(pdu, this.decoder.version), onSent);
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** PDUs are handed out synchronously and in order; once a listener destroys the socket, the rest is dropped. */
  private onData(chunk: Buffer): void {
    for (const frame of this.decoder.push(chunk)) {
      if (this.socket.destroyed) return;
      if (frame.ok) {
        this.emit('pdu', frame.pdu);
        continue;
      }
      // A bad Total_Length leaves no way to find the next PDU.
      if (frame.error.fatal) this.socket.destroy();
      this.emit('error', frame.error);
    }
  }
}

/** A client link with Nagle off (PDUs are small and answered one by one); emits 'connect'. */
export function connectCmpp(options: { host: string; port: number; version: CmppVersion }): CmppLink {
  return new CmppLink(net.connect({ host: options.host, port: options.port, noDelay: true }), options.version);
}
