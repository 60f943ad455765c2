import { Inject, Injectable } from '@nestjs/common';
import type { MessageStatus } from '@sms/contracts';
import { CLOCK, type Clock, DomainError } from '@sms/service-kit';
import { accept, type ReadModelDatabase } from '@sms/use-case-kit';
import type { Batches } from '../application/batches';
import type { MessageReadModel, MessageRecord } from '../application/message-read-model';
import { BATCHES, DISPATCH_DATABASE, MESSAGE_READ_MODEL } from '../application/tokens';
import { batchStream } from '../domain/events';
import { type Cancellation, cancellationUpdates, decideCancel } from '../domain/hold-and-cancel';

/** Statuses in which no operator has taken the message yet. */
const CANCELLABLE: ReadonlySet<MessageStatus> = new Set(['SCHEDULED', 'ACCEPTED', 'QUEUED']);

/**
 * Cancels messages no operator has taken yet: a customer's `DELETE /v1/messages/{id}`, or every unsubmitted message of
 * a halted account. The decision is taken on the batch stream (decideCancel), so it cannot cross routing; the statuses
 * follow from the stream's state, so a retry after a crash between the two steps still applies them. What the carrier
 * already holds is asked back; it ends CANCELLED when the carrier confirms, or goes out if it was already in flight.
 */
@Injectable()
export class CancelMessagesHandler {
  constructor(
    @Inject(BATCHES) private readonly batches: Batches,
    @Inject(DISPATCH_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(MESSAGE_READ_MODEL) private readonly messages: MessageReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The customer's cancellation of one message (already found and checked to be theirs). */
  async cancelOne(message: MessageRecord): Promise<MessageRecord> {
    if (!CANCELLABLE.has(message.status)) {
      throw new DomainError('MESSAGE_NOT_CANCELLABLE', `Message ${message.messageId} is ${message.status}: only a scheduled or queued message the operator has not taken can be cancelled`);
    }
    await this.cancel(message.batchId, { messageIds: [message.messageId], code: 'CANCELLED', detail: 'Cancelled by the customer', at: this.clock.now().toISOString() });
    return (await this.messages.find(message.messageId)) ?? message;
  }

  /** Cancels what it can of `cancellation.messageIds` in one batch; answers how many ended CANCELLED here and how many were asked back. */
  async cancel(batchId: string, cancellation: Cancellation): Promise<{ cancelled: number; requested: number }> {
    const result = await this.batches.handle(batchStream(batchId), (state) => accept(...decideCancel(state, cancellation)));
    if (!result.ok) throw new Error(`Cancelling in batch ${batchId} was refused: ${result.rejection.code}`);
    const updates = cancellationUpdates(result.state, cancellation.messageIds);
    await this.db.transaction(async () => {
      await this.messages.advance(updates.cancelled);
      await this.messages.annotate(updates.requested);
    });
    return { cancelled: updates.cancelled.length, requested: updates.requested.length };
  }
}
