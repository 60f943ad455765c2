import { EventEmitter } from 'node:events';
import * as net from 'node:net';
import { smpp, type Pdu } from '../smpp-lib';
import { decodeHotPdu, PduFormatError, type HotPdu } from './pdu-codec';
import { CorkedWriter, SequenceNumbers } from '../../wire/socket-writer';
import { PduFramer, PduFramingError } from './pdu-framer';

export interface SmppConnectionEvents {
  /** A HotPdu for submit_sm, deliver_sm and their responses; the package's Pdu for every other command. */
  pdu: [pdu: HotPdu | Pdu];
  /** Socket errors, PduFramingError (the socket is then destroyed), PduFormatError (the stream stays usable). */
  error: [error: Error];
  close: [];
  /** Client side: the TCP connection is up. */
  connect: [];
}

export interface SmppConnectionOptions {
  /** Longest command_length accepted; default the package's PDU.maxLength (16384). */
  maxPduLength?: number;
}

/**
 * One SMPP peer over a socket, in place of the package's Session: it frames and decodes incoming PDUs (the hot
 * four ourselves, the rest through the package) and writes encoded ones, corked per tick. Binding, enquire_link,
 * windowing and response matching stay with the caller.
 */
export class SmppConnection extends EventEmitter<SmppConnectionEvents> {
  private readonly framer: PduFramer;
  private readonly sequences = new SequenceNumbers();
  private readonly writer: CorkedWriter;

  constructor(
    readonly socket: net.Socket,
    options: SmppConnectionOptions = {},
  ) {
    super();
    this.framer = new PduFramer(options.maxPduLength);
    this.writer = new CorkedWriter(socket);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('connect', () => this.emit('connect'));
    socket.on('error', (error) => this.emit('error', error));
    socket.on('close', () => this.emit('close'));
  }

  /** Next request sequence number (1..0x7FFFFFFF, wraps to 1). */
  nextSequence(): number {
    return this.sequences.next();
  }

  /**
   * Writes one already-encoded PDU; false when the socket is no longer writable. The socket stays corked until the
   * end of this tick, so a burst of writes leaves in one writev. onSent runs once the write is flushed (or failed,
   * like the package's send callback; 'error' and 'close' tell the rest).
   */
  write(pdu: Buffer, onSent?: () => void): boolean {
    return this.writer.write(pdu, onSent);
  }

  /**
   * A package PDU (bind, enquire_link, unbind, generic_nack, answers to rare commands): a request whose
   * sequence_number is 0 gets nextSequence() first, as the package's Session.send does.
   */
  send(pdu: Pdu, onSent?: () => void): boolean {
    if (!this.socket.writable) return false;
    if (!pdu.isResponse() && !pdu.sequence_number) pdu.sequence_number = this.nextSequence();
    return this.write(pdu.toBuffer(), onSent);
  }

  destroy(): void {
    this.socket.destroy();
  }

  /**
   * PDUs go out synchronously and in order. Once the socket is destroyed (by a listener, say) the rest of the
   * chunk is dropped, as nothing more is read from a destroyed socket.
   */
  private onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.framer.push(chunk);
    } catch (error) {
      if (error instanceof PduFramingError) this.dispatchAll(error.complete);
      // A bad command_length leaves no way to find the next PDU.
      this.socket.destroy();
      this.emit('error', error as Error);
      return;
    }
    this.dispatchAll(frames);
  }

  private dispatchAll(frames: Buffer[]): void {
    for (const frame of frames) {
      if (this.socket.destroyed) return;
      this.dispatch(frame);
    }
  }

  private dispatch(frame: Buffer): void {
    let pdu: HotPdu | Pdu;
    try {
      pdu = decodeHotPdu(frame) ?? decodeWithPackage(frame);
    } catch (error) {
      // The frame had a sound length, so the PDUs after it are still readable.
      this.emit('error', error as Error);
      return;
    }
    this.emit('pdu', pdu);
  }
}

/** The package's reading of any PDU but the hot four; its failures (e.g. a truncated bind) as PduFormatError. */
function decodeWithPackage(frame: Buffer): Pdu {
  const commandId = frame.readUInt32BE(4);
  const sequence = frame.readUInt32BE(12);
  let pdu: Pdu | false;
  try {
    pdu = smpp.PDU.fromBuffer(frame);
  } catch (cause) {
    throw new PduFormatError(`PDU 0x${commandId.toString(16).padStart(8, '0')} sequence ${sequence}: ${String(cause)}`, commandId, sequence, { cause });
  }
  // The framer hands out whole PDUs only, so fromBuffer has all it asks for.
  if (!pdu) throw new PduFormatError(`PDU 0x${commandId.toString(16).padStart(8, '0')} sequence ${sequence}: incomplete`, commandId, sequence);
  return pdu;
}

/** Tells our decoded PDUs from the package's (both have command, command_id, command_status, sequence_number). */
export function isHotPdu(pdu: HotPdu | Pdu): pdu is HotPdu {
  return !(pdu instanceof smpp.PDU);
}

/** A client connection with Nagle off (PDUs are small and answered one by one); emits 'connect'. */
export function connectSmpp(options: { host: string; port: number } & SmppConnectionOptions): SmppConnection {
  return new SmppConnection(net.connect({ host: options.host, port: options.port, noDelay: true }), options);
}

/** A TCP server handing each accepted socket (Nagle off) to `listener` as an SmppConnection; call listen() on it. */
export function createSmppServer(listener: (connection: SmppConnection) => void): net.Server {
  return net.createServer({ noDelay: true }, (socket) => listener(new SmppConnection(socket)));
}
