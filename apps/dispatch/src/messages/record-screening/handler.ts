import { Inject, Injectable, Optional } from '@nestjs/common';
import type { MessageReviewDecidedV1, MessagesScreenedV1 } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { applyOnce, type ReadModelDatabase } from '@sms/use-case-kit';
import type { MessageReadModel } from '../application/message-read-model';
import type { PendingCharges } from '../application/pending-charges';
import { SubmissionBacklog } from '../application/submission-backlog';
import { DISPATCH_DATABASE, MESSAGE_READ_MODEL, PENDING_CHARGES, SUBMISSION_BACKLOG } from '../application/tokens';
import { HELD_NOTE } from '../domain/message-status';

/** The reason a held message shows until it moves on (ADR 0036). */
export const HELD_FOR_REVIEW = HELD_NOTE;
export const RELEASED_DETAIL = 'released by a reviewer';

/**
 * content-review screened a batch: blocked messages end BLOCKED, held ones are HELD (and say why) until a reviewer
 * decides. The reviewer's decision comes on the same topic and key, so after the outcome: blocked, the message ends
 * BLOCKED (never reserved, never billed); released, it stays HELD until account-billing's reservation of it routes it
 * (route-batch, from the batch's stream, like any reserved message).
 */
@Injectable()
export class RecordScreeningHandler {
  constructor(
    @Inject(DISPATCH_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(MESSAGE_READ_MODEL) private readonly messages: MessageReadModel,
    @Optional() @Inject(SUBMISSION_BACKLOG) private readonly backlog: SubmissionBacklog = SubmissionBacklog.unbounded(),
    @Optional() @Inject(PENDING_CHARGES) private readonly pending?: PendingCharges,
  ) {}

  async handle(event: IntegrationEvent<MessagesScreenedV1>): Promise<void> {
    const screened = event.data;
    await applyOnce(this.db, 'screening', event.id, async () => {
      await this.messages.advance([
        ...screened.blocked.map((b) => ({ messageId: b.messageId, status: 'BLOCKED' as const, errorCode: 'CONTENT_BLOCKED', errorDetail: `blocked by content screening: ${b.category}` })),
        ...screened.held.map((h) => ({ messageId: h.messageId, status: 'HELD' as const, errorCode: HELD_FOR_REVIEW, errorDetail: `held for human review: ${h.category}` })),
      ]);
    });
    // Blocked messages are never submitted, held ones not before a reviewer acts: neither holds up other sends.
    this.backlog.answered(screened.batchId, screened.blocked.length + screened.held.length);
    // Nothing cleared: nothing of the batch is reserved now, so no balance report will show its estimate (ADR 0027).
    // A held message released later is reserved then, and shows in the report of that reservation.
    if (screened.cleared.length === 0) this.pending?.release(screened.batchId);
  }

  /**
   * A reviewer's decision on one held message. Only a message still HELD is decided here: one its account's halt
   * cancelled meanwhile stays CANCELLED (the rank of the status), and a release that routing overtook keeps its news.
   */
  async decided(event: IntegrationEvent<MessageReviewDecidedV1>): Promise<void> {
    const decision = event.data;
    let released = false;
    await applyOnce(this.db, 'screening', event.id, async () => {
      if (!decision.released) {
        await this.messages.advance([{ messageId: decision.messageId, status: 'BLOCKED', errorCode: 'CONTENT_BLOCKED', errorDetail: `blocked by a reviewer: ${decision.category}` }]);
        return;
      }
      const message = await this.messages.find(decision.messageId);
      if (message?.status !== 'HELD') return;
      await this.messages.annotate([{ messageId: decision.messageId, code: HELD_FOR_REVIEW, detail: RELEASED_DETAIL }]);
      released = true;
    });
    // Screening counted it answered; on its way again, its submission will answer it a second time.
    if (released) this.backlog.reopened(decision.batchId, 1);
  }
}
