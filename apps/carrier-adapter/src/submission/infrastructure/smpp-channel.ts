import { EventEmitter } from 'node:events';
import { SmppSession, SmppSessionOptions } from '../../smpp/smpp-session';
import type { ChannelSubmitOutcome, OperatorChannel } from '../application/operator-channel.port';

/** An SMPP 3.4 channel: `sessions` binds to one SMSC, used round-robin; receipts from any bind are the channel's. */
export class SmppChannel extends EventEmitter implements OperatorChannel {
  readonly capacity: number;
  private readonly sessions: SmppSession[];
  private next = 0;

  constructor(
    readonly id: string,
    options: SmppSessionOptions,
    sessions = 1,
  ) {
    super();
    this.sessions = Array.from({ length: sessions }, () => new SmppSession(options));
    // Twice the window keeps the session's queue fed while responses are on their way.
    this.capacity = (options.window ?? 50) * 2 * sessions;
    for (const session of this.sessions) {
      session.on('receipt', (receipt) => this.emit('receipt', receipt));
      session.on('inbound', (message) => this.emit('inbound', message));
    }
  }

  async start(): Promise<void> {
    await Promise.all(this.sessions.map((s) => s.start()));
  }

  submit(message: { to: string; text: string; registeredDelivery: boolean }): Promise<ChannelSubmitOutcome> {
    const session = this.sessions[this.next++ % this.sessions.length];
    return session.submit(message);
  }

  async close(): Promise<void> {
    await Promise.all(this.sessions.map((s) => s.close()));
  }
}
