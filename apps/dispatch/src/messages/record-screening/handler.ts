import { Inject, Injectable, Optional } from '@nestjs/common';
import type { MessagesScreenedV1 } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { applyOnce, type ReadModelDatabase } from '@sms/use-case-kit';
import type { MessageReadModel } from '../application/message-read-model';
import type { PendingCharges } from '../application/pending-charges';
import { SubmissionBacklog } from '../application/submission-backlog';
import { DISPATCH_DATABASE, MESSAGE_READ_MODEL, PENDING_CHARGES, SUBMISSION_BACKLOG } from '../application/tokens';

/** content-review screened a batch: blocked messages end BLOCKED, held ones say why they wait. */
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
      await this.messages.advance(
        screened.blocked.map((b) => ({ messageId: b.messageId, status: 'BLOCKED', errorCode: 'CONTENT_BLOCKED', errorDetail: `blocked by content screening: ${b.category}` })),
      );
      await this.messages.annotate(screened.held.map((h) => ({ messageId: h.messageId, code: 'HELD_FOR_REVIEW', detail: `held for human review: ${h.category}` })));
    });
    // Blocked messages are never submitted, held ones not before a reviewer acts: neither holds up other sends.
    this.backlog.answered(screened.batchId, screened.blocked.length + screened.held.length);
    // Nothing cleared: nothing of the batch is reserved now, so no balance report will show its estimate (ADR 0027).
    if (screened.cleared.length === 0) this.pending?.release(screened.batchId);
  }
}
