import { Inject, Injectable } from '@nestjs/common';
import { PUBLIC_TOPICS } from '@sms/contracts';
import { type IntegrationEvent, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { CLOCK, type Clock, deterministicId } from '@sms/service-kit';
import type { ReadModelDatabase } from '@sms/use-case-kit';
import { DispatchConfig } from '../../dispatch.config';
import type { MessageReadModel, MessageRecord } from '../application/message-read-model';
import { finalReceipt } from '../application/receipts';
import { DISPATCH_DATABASE, MESSAGE_READ_MODEL } from '../application/tokens';
import type { StatusUpdate } from '../domain/message-status';

/** Messages expired per step: one publish and one statement each. */
export const EXPIRY_CHUNK = 500;

export const RECEIPT_TIMEOUT = 'RECEIPT_TIMEOUT';

/**
 * Receipts that never come (CONTRACTS.md, RECEIPT_VALIDITY): a message still SUBMITTED RECEIPT_VALIDITY_HOURS after its
 * submission becomes EXPIRED (RECEIPT_TIMEOUT) — through the same path as an operator's receipt: the public receipt on
 * `sms.delivery-receipts` first (and so the webhook), then the status by the transition rule, so a receipt arriving
 * later cannot move it back (a final status stays final). Nothing is billed or released: what the operator
 * acknowledged stays captured.
 *
 * Everything about an expiry follows from the message's submission time, so a crash between the publish and the
 * status republishes the same receipt — same id, same doneAt (submission + validity) — and subscribers deduplicate.
 */
@Injectable()
export class ExpireMessagesHandler {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(DISPATCH_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(MESSAGE_READ_MODEL) private readonly messages: MessageReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: DispatchConfig,
  ) {}

  /** Expires every overdue message, a chunk at a time; answers how many. */
  async handle(): Promise<number> {
    const validityMs = this.config.receiptValidityMs;
    const cutoff = new Date(this.clock.now().getTime() - validityMs).toISOString();
    let expired = 0;
    let previous: string | undefined;
    for (;;) {
      const overdue = await this.messages.overdueSubmitted(cutoff, EXPIRY_CHUNK);
      // A chunk that starts where the last one did made no progress: stop rather than spin (the next sweep retries).
      if (overdue.length === 0 || overdue[0].messageId === previous) break;
      previous = overdue[0].messageId;
      const receipts: IntegrationEvent[] = [];
      const updates: StatusUpdate[] = [];
      for (const message of overdue) {
        const doneAt = expiredAt(message, validityMs);
        const receipt = finalReceipt(expiryReceiptId(message.messageId), message, { status: 'EXPIRED', errorCode: RECEIPT_TIMEOUT, doneAt });
        if (receipt) receipts.push(receipt);
        updates.push({ messageId: message.messageId, status: 'EXPIRED', errorCode: RECEIPT_TIMEOUT, errorDetail: `No delivery receipt within ${this.config.RECEIPT_VALIDITY_HOURS} h of submission`, doneAt });
      }
      if (receipts.length > 0) await this.bus.publish(PUBLIC_TOPICS.deliveryReceipts, receipts);
      await this.db.transaction(() => this.messages.advance(updates));
      expired += overdue.length;
      if (overdue.length < EXPIRY_CHUNK) break;
    }
    return expired;
  }
}

/** One expiry per message, whichever sweep publishes it. */
export const expiryReceiptId = (messageId: string): string => deterministicId('expired', messageId);

/** The moment the message's validity ran out (not when a sweep noticed). */
export const expiredAt = (message: Pick<MessageRecord, 'submittedAt'>, validityMs: number): string => new Date(Date.parse(message.submittedAt as string) + validityMs).toISOString();
