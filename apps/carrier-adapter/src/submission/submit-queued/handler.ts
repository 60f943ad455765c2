import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@sms/service-kit';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import type { CarrierState, QueuedMessage } from '../application/carrier-state.port';
import type { OperatorChannel } from '../application/operator-channel.port';
import { CARRIER_STATE, OPERATOR_CHANNELS } from '../application/tokens';
import { type PartOutcome, submissionOutcome } from '../domain/outcomes';
import { RecordOutcomesHandler } from '../record-outcomes/handler';

/** How often an idle loop looks at the queue anyway; it is woken by new work, so this is a safety net only. */
const IDLE_POLL_MS = 200;
/** How soon a full loop looks again if no freed slot woke it. */
const FULL_POLL_MS = 5;
/** How long the loop waits before reading the queue again after a failed read. */
const READ_RETRY_MS = 500;

/**
 * The submit loop: feeds queued messages to their channels, keeping at most the channels' combined capacity in
 * flight. Each answer (every segment acknowledged or refused) goes to RecordOutcomesHandler; a message whose channel
 * closed under it while stopping stays queued for the next start, since the operator never refused it.
 */
@Injectable()
export class SubmitQueuedHandler {
  private readonly logger = new Logger('SubmitQueuedHandler');
  private running = false;
  private cursor = 0;
  private inFlight = 0;
  private wakeUp?: () => void;
  private loop?: Promise<void>;

  constructor(
    @Inject(CARRIER_STATE) private readonly state: CarrierState,
    @Inject(OPERATOR_CHANNELS) private readonly channels: ReadonlyMap<string, OperatorChannel>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RecordOutcomesHandler) private readonly outcomes: Pick<RecordOutcomesHandler, 'handle'>,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** New work was queued, or capacity freed up: submit what is queued now. */
  handle(): void {
    this.wakeUp?.();
  }

  /** Ends the loop; submits in flight settle on their own (their channels close after this). */
  async stop(): Promise<void> {
    this.running = false;
    this.handle();
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
      let messages: QueuedMessage[] = [];
      try {
        if (room > 0) messages = await this.state.queued(this.cursor, room);
      } catch (error) {
        // A failed read must not end the loop: log, wait, read again (nothing was taken from the queue).
        this.logger.error(`reading the submit queue failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, READ_RETRY_MS));
        continue;
      }
      if (messages.length === 0) {
        await new Promise<void>((resolve) => {
          this.wakeUp = resolve;
          setTimeout(resolve, room > 0 ? IDLE_POLL_MS : FULL_POLL_MS);
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
    // Its account was erased (its data key destroyed) while it waited: there is no number or text left to send.
    if (message.phoneNumber === PERSONAL_DATA_DESTROYED || message.text === PERSONAL_DATA_DESTROYED) {
      this.finish(message, [{ seq: 1, error: { code: 'DATA_ERASED' } }]);
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
        this.handle();
      });
  }

  private finish(message: QueuedMessage, parts: PartOutcome[]): void {
    this.outcomes.handle({
      kind: 'submission',
      channelId: message.channelId,
      result: {
        messageId: message.messageId,
        batchId: message.batchId,
        accountId: message.accountId,
        submittedAt: this.clock.now().toISOString(),
        ...submissionOutcome(parts),
      },
    });
  }
}
