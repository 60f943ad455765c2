import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CarrierState, ChannelReceipt, Outcomes } from '../application/carrier-state.port';
import { CARRIER_STATE } from '../application/tokens';
import type { InboundResult, SubmissionResult } from '../domain/events';
import { RelayOutcomesHandler } from '../relay-outcomes/handler';

/** Pause before a write that failed is tried again. */
const FAILED_WRITE_RETRY_MS = 500;

/** What an operator channel answered: a message's submission (every segment acknowledged or refused), a segment's receipt, or a message from a handset. */
export type OperatorAnswer =
  | { kind: 'submission'; channelId: string; result: SubmissionResult }
  | { kind: 'receipt'; receipt: ChannelReceipt }
  | { kind: 'inbound'; channelId: string; message: InboundResult };

/**
 * Records what the channels answer, once: answers are buffered and written in one CarrierState unit per turn of the
 * event loop, so thousands of answers a second cost a few transactions. A receipt that overtook its submit
 * acknowledgement, or names an id we never had, is the state's to keep (ADR 0039): nothing waits here. A write that
 * fails leaves its batch in front of the buffer and is tried again. After each write the relay is told, so the outbox
 * goes out.
 */
@Injectable()
export class RecordOutcomesHandler {
  private readonly logger = new Logger('RecordOutcomesHandler');
  private submissions: Outcomes['submissions'] = [];
  private receipts: ChannelReceipt[] = [];
  private inbound: Outcomes['inbound'] = [];
  private scheduled = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    @Inject(CARRIER_STATE) private readonly state: CarrierState,
    @Inject(RelayOutcomesHandler) private readonly relay: Pick<RelayOutcomesHandler, 'handle'>,
  ) {}

  handle(answer: OperatorAnswer): void {
    if (answer.kind === 'submission') this.submissions.push({ channelId: answer.channelId, result: answer.result });
    else if (answer.kind === 'receipt') this.receipts.push(answer.receipt);
    else this.inbound.push({ channelId: answer.channelId, message: answer.message });
    this.schedule();
  }

  /** Records whatever is buffered and waits for every write so far; rejects when this write failed. */
  async flush(): Promise<void> {
    // Chained on the previous write whatever its outcome: a failed write must not stop every later one.
    this.writing = this.writing.catch(() => undefined).then(() => this.write());
    await this.writing;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush().catch((error) => this.logger.warn(`recording carrier outcomes failed, retrying: ${error instanceof Error ? error.message : error}`));
    });
  }

  private async write(): Promise<void> {
    if (this.submissions.length === 0 && this.receipts.length === 0 && this.inbound.length === 0) return;
    const batch = { submissions: this.submissions, receipts: this.receipts, inbound: this.inbound };
    this.submissions = [];
    this.receipts = [];
    this.inbound = [];
    try {
      await this.state.record(batch);
    } catch (error) {
      // Nothing of the batch was recorded: put it back in front and try again shortly.
      this.submissions.unshift(...batch.submissions);
      this.receipts.unshift(...batch.receipts);
      this.inbound.unshift(...batch.inbound);
      setTimeout(() => this.schedule(), FAILED_WRITE_RETRY_MS);
      throw error;
    }
    this.relay.handle();
  }
}
