import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CarrierState, ChannelReceipt, Outcomes } from '../application/carrier-state.port';
import { CARRIER_STATE } from '../application/tokens';
import type { InboundResult, SubmissionResult } from '../domain/events';
import { RelayOutcomesHandler } from '../relay-outcomes/handler';

/** How long a receipt whose submit acknowledgement is not recorded yet is retried before it is given up as unknown. */
export const ORPHAN_RECEIPT_MS = 60_000;
/** Pause before a receipt whose acknowledgement is not recorded yet is tried again. */
const EARLY_RECEIPT_RETRY_MS = 50;
/** Pause before a write that failed is tried again. */
const FAILED_WRITE_RETRY_MS = 500;

/** What an operator channel answered: a message's submission (every segment acknowledged or refused), a segment's receipt, or a message from a handset. */
export type OperatorAnswer =
  | { kind: 'submission'; channelId: string; result: SubmissionResult }
  | { kind: 'receipt'; receipt: ChannelReceipt }
  | { kind: 'inbound'; channelId: string; message: InboundResult };

type PendingReceipt = ChannelReceipt & { firstSeenAt: number };

/**
 * Records what the channels answer, once: answers are buffered and written in one CarrierState unit per turn of the
 * event loop, so thousands of answers a second cost a few transactions. A receipt that overtook its submit
 * acknowledgement is tried again until the acknowledgement is recorded, and given up (with a warning) after
 * ORPHAN_RECEIPT_MS. A write that fails leaves its batch in front of the buffer and is tried again. After each write
 * the relay is told, so the outbox goes out.
 */
@Injectable()
export class RecordOutcomesHandler {
  private readonly logger = new Logger('RecordOutcomesHandler');
  private submissions: Outcomes['submissions'] = [];
  private receipts: PendingReceipt[] = [];
  private inbound: Outcomes['inbound'] = [];
  private scheduled = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    @Inject(CARRIER_STATE) private readonly state: CarrierState,
    @Inject(RelayOutcomesHandler) private readonly relay: Pick<RelayOutcomesHandler, 'handle'>,
  ) {}

  handle(answer: OperatorAnswer): void {
    if (answer.kind === 'submission') this.submissions.push({ channelId: answer.channelId, result: answer.result });
    else if (answer.kind === 'receipt') this.receipts.push({ ...answer.receipt, firstSeenAt: Date.now() });
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
    let unknown: ChannelReceipt[];
    try {
      unknown = await this.state.record({ ...batch, receipts: batch.receipts.map(({ firstSeenAt: _seen, ...r }) => r) });
    } catch (error) {
      // Nothing of the batch was recorded: put it back in front and try again shortly.
      this.submissions.unshift(...batch.submissions);
      this.receipts.unshift(...batch.receipts);
      this.inbound.unshift(...batch.inbound);
      setTimeout(() => this.schedule(), FAILED_WRITE_RETRY_MS);
      throw error;
    }
    const firstSeen = new Map(batch.receipts.map((r) => [`${r.channelId}\u0000${r.operatorMessageId}`, r.firstSeenAt]));
    const now = Date.now();
    const retry: PendingReceipt[] = [];
    for (const r of unknown) {
      const firstSeenAt = firstSeen.get(`${r.channelId}\u0000${r.operatorMessageId}`) ?? now;
      if (now - firstSeenAt < ORPHAN_RECEIPT_MS) retry.push({ ...r, firstSeenAt });
    }
    if (retry.length < unknown.length) this.logger.warn(`${unknown.length - retry.length} receipt(s) for unknown operator message ids dropped`);
    if (retry.length > 0) {
      this.receipts.push(...retry);
      setTimeout(() => this.schedule(), EARLY_RECEIPT_RETRY_MS);
    }
    this.relay.handle();
  }
}
