import { EventEmitter } from 'node:events';
import { SmppSession, SmppSessionOptions } from '../../smpp/smpp-session';
import type { ChannelStats, ChannelSubmitOutcome, OperatorChannel } from '../application/operator-channel.port';

/** SMPP 3.4 limits source_addr to 20 characters (21 octets with the terminating NUL). */
const MAX_SOURCE_ADDR = 20;

/**
 * The source address a message goes out from: the channel's own followed by the extension code of its signature
 * (ADR 0021), so a reply to what the handset shows comes back to that signature. Without a code — or when the channel
 * sends from an alphanumeric sender, which cannot be replied to, or the whole would not fit — the channel's own.
 */
export function sourceAddressOf(base: string | undefined, extension: string | undefined): string | undefined {
  if (!extension || !base || !/^\+?\d+$/.test(base) || !/^\d+$/.test(extension)) return base;
  const address = `${base}${extension}`;
  return address.length <= MAX_SOURCE_ADDR ? address : base;
}

/** An SMPP 3.4 channel: `sessions` binds to one SMSC, used round-robin; receipts from any bind are the channel's. */
export class SmppChannel extends EventEmitter implements OperatorChannel {
  readonly capacity: number;
  private readonly sessions: SmppSession[];
  private readonly sourceAddr?: string;
  private next = 0;
  private readonly window: number;
  private bound = 0;

  constructor(
    readonly id: string,
    options: SmppSessionOptions,
    sessions = 1,
  ) {
    super();
    this.sourceAddr = options.sourceAddr;
    this.sessions = Array.from({ length: sessions }, () => new SmppSession(options));
    // Twice the window keeps the session's queue fed while responses are on their way.
    this.capacity = (options.window ?? 50) * 2 * sessions;
    this.window = options.window ?? 50;
    for (const session of this.sessions) {
      session.on('receipt', (receipt) => this.emit('receipt', receipt));
      session.on('inbound', (message) => this.emit('inbound', message));
      // The channel is up while any of its binds is (ADR 0018): its 'up' and 'down' are the first and the last.
      session.on('up', () => {
        if (this.bound++ === 0) this.emit('up');
      });
      session.on('down', () => {
        if (--this.bound === 0) this.emit('down');
      });
      session.on('throttled', () => this.emit('throttled'));
    }
  }

  async start(): Promise<void> {
    await Promise.all(this.sessions.map((s) => s.start()));
  }

  submit({ sourceExtension, ...message }: { to: string; text: string; registeredDelivery: boolean; sourceExtension?: string }): Promise<ChannelSubmitOutcome> {
    const session = this.sessions[this.next++ % this.sessions.length];
    const from = sourceExtension ? sourceAddressOf(this.sourceAddr, sourceExtension) : undefined;
    return session.submit(from !== undefined ? { ...message, from } : message);
  }

  stats(): ChannelStats {
    let windowInUse = 0;
    for (const session of this.sessions) windowInUse += session.stats().inFlight;
    return { sessions: this.sessions.length, sessionsBound: this.sessions.filter((s) => s.isUp).length, windowSize: this.window * this.sessions.length, windowInUse };
  }

  async close(): Promise<void> {
    await Promise.all(this.sessions.map((s) => s.close()));
  }
}
