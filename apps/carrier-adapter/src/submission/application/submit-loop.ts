import type { SubmissionResult } from '../domain/events';
import { submissionOutcome, type PartOutcome } from '../domain/outcomes';
import type { OperatorChannel } from './operator-channel.port';
import type { CarrierState, QueuedMessage } from './carrier-state.port';

/**
 * Feeds queued messages to their channels, keeping at most the channels' combined capacity in flight. Each answer
 * (every segment acknowledged or refused) is handed to `onResult`; a message whose channel closed under it stays
 * queued for the next start, since the operator never refused it.
 */
export class SubmitLoop {
  private running = false;
  private cursor = 0;
  private inFlight = 0;
  private wakeUp?: () => void;
  private loop?: Promise<void>;

  constructor(
    private readonly state: CarrierState,
    private readonly channels: ReadonlyMap<string, OperatorChannel>,
    private readonly onResult: (channelId: string, result: SubmissionResult) => void,
    private readonly now: () => Date,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** New work was queued, or capacity freed up. */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  private capacity(): number {
    let sum = 0;
    for (const channel of this.channels.values()) sum += channel.capacity;
    return sum;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const room = this.capacity() - this.inFlight;
      const messages = room > 0 ? await this.state.queued(this.cursor, room) : [];
      if (messages.length === 0) {
        // Woken by new work or a freed slot; the timer is a safety net only.
        await new Promise<void>((resolve) => {
          this.wakeUp = resolve;
          setTimeout(resolve, room > 0 ? 200 : 5);
        });
        continue;
      }
      this.cursor = messages[messages.length - 1].seq;
      for (const message of messages) this.submit(message);
    }
  }

  private submit(message: QueuedMessage): void {
    const channel = this.channels.get(message.channelId);
    if (!channel) {
      this.finish(message, [{ seq: 1, error: { code: 'UNKNOWN_CHANNEL' } }]);
      return;
    }
    this.inFlight++;
    channel
      .submit({ to: message.phoneNumber, text: message.text, registeredDelivery: true })
      .then(
        (outcome) => this.finish(message, outcome.parts.map((p) => ({ seq: p.seq, operatorMessageId: p.operatorMessageId, error: p.error && { code: p.error.code } }))),
        (error) => {
          if (this.running) this.finish(message, [{ seq: 1, error: { code: error?.code ?? 'SUBMIT_ERROR' } }]);
        },
      )
      .finally(() => {
        this.inFlight--;
        this.wake();
      });
  }

  private finish(message: QueuedMessage, parts: PartOutcome[]): void {
    this.onResult(message.channelId, {
      messageId: message.messageId,
      batchId: message.batchId,
      accountId: message.accountId,
      submittedAt: this.now().toISOString(),
      ...submissionOutcome(parts),
    });
  }
}
