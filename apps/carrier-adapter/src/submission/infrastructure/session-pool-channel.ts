import { EventEmitter } from 'node:events';
import type { ChannelStats, ChannelSubmitOutcome, OperatorChannel } from '../application/operator-channel.port';

/** What a channel needs of one protocol session (SMPP bind, CMPP connection): both session classes have this shape. */
export interface ProtocolSession extends EventEmitter {
  readonly isUp: boolean;
  start(): Promise<void>;
  submit(request: { to: string; from?: string; text: string; registeredDelivery?: boolean }): Promise<ChannelSubmitOutcome>;
  close(): Promise<void>;
  stats(): { up: boolean; inFlight: number; queued: number };
}

export interface SessionPoolOptions {
  /** Sessions that submit (SMPP transceivers or transmitters, CMPP connections), used round-robin. */
  transmitters: ProtocolSession[];
  /** Sessions that only receive (SMPP receivers of a transmitter-receiver channel). */
  receivers?: ProtocolSession[];
  /** Submits in flight per transmitting session. */
  window: number;
  /** The channel's own source address; a signature's extension code is appended (ADR 0021). */
  sourceAddr?: string;
  /** The longest source address the protocol carries (SMPP source_addr 20, CMPP Src_Id 21). */
  maxSourceAddr: number;
  /** The one form operator message ids are kept and matched in (ADR 0039): applied to submit answers and receipts. */
  submitId?: (id: string) => string;
  receiptId?: (id: string) => string;
}

/**
 * The source address a message goes out from: the channel's own followed by the extension code of its signature
 * (ADR 0021), so a reply to what the handset shows comes back to that signature. Without a code — or when the channel
 * sends from an alphanumeric sender, which cannot be replied to, or the whole would not fit — the channel's own.
 */
export function sourceAddressOf(base: string | undefined, extension: string | undefined, max = 20): string | undefined {
  if (!extension || !base || !/^\+?\d+$/.test(base) || !/^\d+$/.test(extension)) return base;
  const address = `${base}${extension}`;
  return address.length <= max ? address : base;
}

/**
 * An operator channel over a pool of protocol sessions to one operator: submits go round-robin to the transmitting
 * ones; receipts and MO from any session are the channel's. The channel is up while one transmitting session is
 * (ADR 0018): its 'up' and 'down' are the first and the last of those — a receiver alone cannot carry traffic.
 */
export class SessionPoolChannel extends EventEmitter implements OperatorChannel {
  readonly capacity: number;
  private readonly transmitters: ProtocolSession[];
  private readonly sessions: ProtocolSession[];
  private next = 0;
  private bound = 0;

  constructor(
    readonly id: string,
    private readonly options: SessionPoolOptions,
  ) {
    super();
    this.transmitters = options.transmitters;
    this.sessions = [...options.transmitters, ...(options.receivers ?? [])];
    // Twice the window keeps each session's queue fed while responses are on their way.
    this.capacity = options.window * 2 * this.transmitters.length;
    const receiptId = options.receiptId;
    for (const session of this.sessions) {
      session.on('receipt', (receipt: { operatorMessageId: string }) => this.emit('receipt', receiptId ? { ...receipt, operatorMessageId: receiptId(receipt.operatorMessageId) } : receipt));
      session.on('inbound', (message) => this.emit('inbound', message));
      session.on('throttled', () => this.emit('throttled'));
      session.on('refused', (error: Error) => this.emit('refused', error));
    }
    for (const session of this.transmitters) {
      session.on('up', () => {
        if (this.bound++ === 0) this.emit('up');
      });
      session.on('down', () => {
        if (--this.bound === 0) this.emit('down');
      });
    }
  }

  async start(): Promise<void> {
    await Promise.all(this.sessions.map((s) => s.start()));
  }

  async submit({ sourceExtension, ...message }: { to: string; text: string; registeredDelivery: boolean; sourceExtension?: string }): Promise<ChannelSubmitOutcome> {
    const session = this.transmitters[this.next++ % this.transmitters.length];
    const from = sourceExtension ? sourceAddressOf(this.options.sourceAddr, sourceExtension, this.options.maxSourceAddr) : undefined;
    const outcome = await session.submit(from !== undefined ? { ...message, from } : message);
    const submitId = this.options.submitId;
    if (!submitId) return outcome;
    return { parts: outcome.parts.map((part) => (part.operatorMessageId ? { ...part, operatorMessageId: submitId(part.operatorMessageId) } : part)) };
  }

  stats(): ChannelStats {
    let windowInUse = 0;
    for (const session of this.transmitters) windowInUse += session.stats().inFlight;
    return {
      sessions: this.sessions.length,
      sessionsBound: this.transmitters.filter((s) => s.isUp).length,
      windowSize: this.options.window * this.transmitters.length,
      windowInUse,
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.sessions.map((s) => s.close()));
  }
}
