import type { InboundResult, SubmissionResult } from '../domain/events';
import type { CarrierState, ChannelReceipt, Outcomes } from './carrier-state.port';

/** How long a receipt whose submit acknowledgement is not recorded yet is retried before it is given up as unknown. */
export const ORPHAN_RECEIPT_MS = 60_000;

type PendingReceipt = ChannelReceipt & { firstSeenAt: number };

/**
 * Collects what the sessions report (acknowledgements, receipts, inbound) and records it in one unit per turn of
 * the event loop, so thousands of answers a second cost a few transactions. Calls `onRecorded` after each write so
 * the outbox relay can publish.
 */
export class OutcomeRecorder {
  private submissions: Outcomes['submissions'] = [];
  private receipts: PendingReceipt[] = [];
  private inbound: Outcomes['inbound'] = [];
  private scheduled = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: CarrierState,
    private readonly onRecorded: () => void,
    private readonly onWarning: (message: string) => void,
  ) {}

  submission(channelId: string, result: SubmissionResult): void {
    this.submissions.push({ channelId, result });
    this.schedule();
  }

  receipt(receipt: ChannelReceipt): void {
    this.receipts.push({ ...receipt, firstSeenAt: Date.now() });
    this.schedule();
  }

  inboundMessage(channelId: string, message: InboundResult): void {
    this.inbound.push({ channelId, message });
    this.schedule();
  }

  /** Records whatever is buffered and waits for every write so far. */
  async flush(): Promise<void> {
    this.writing = this.writing.then(() => this.write());
    await this.writing;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush().catch((error) => this.onWarning(`recording carrier outcomes failed, retrying: ${error instanceof Error ? error.message : error}`));
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
      setTimeout(() => this.schedule(), 500);
      throw error;
    }
    const firstSeen = new Map(batch.receipts.map((r) => [`${r.channelId}\u0000${r.operatorMessageId}`, r.firstSeenAt]));
    const now = Date.now();
    const retry: PendingReceipt[] = [];
    for (const r of unknown) {
      const firstSeenAt = firstSeen.get(`${r.channelId}\u0000${r.operatorMessageId}`) ?? now;
      if (now - firstSeenAt < ORPHAN_RECEIPT_MS) retry.push({ ...r, firstSeenAt });
    }
    if (retry.length < unknown.length) this.onWarning(`${unknown.length - retry.length} receipt(s) for unknown operator message ids dropped`);
    if (retry.length > 0) {
      this.receipts.push(...retry);
      setTimeout(() => this.schedule(), 50);
    }
    this.onRecorded();
  }
}
