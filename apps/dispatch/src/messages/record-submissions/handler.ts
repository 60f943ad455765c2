import { Inject, Injectable, Optional } from '@nestjs/common';
import { type MessagesSubmittedV1, SUBMISSION_CANCELLED } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { applyOnce, type ReadModelDatabase } from '@sms/use-case-kit';
import type { MessageReadModel } from '../application/message-read-model';
import { countByBatch, SubmissionBacklog } from '../application/submission-backlog';
import { DISPATCH_DATABASE, MESSAGE_READ_MODEL, SUBMISSION_BACKLOG } from '../application/tokens';
import type { StatusUpdate } from '../domain/message-status';

/**
 * The carrier's submit acknowledgements: SUBMITTED with the operator's ids and time, or FAILED — or CANCELLED, for
 * messages the carrier dropped from its queue before submitting them (a cancellation, or their account halted).
 */
@Injectable()
export class RecordSubmissionsHandler {
  constructor(
    @Inject(DISPATCH_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(MESSAGE_READ_MODEL) private readonly messages: MessageReadModel,
    @Optional() @Inject(SUBMISSION_BACKLOG) private readonly backlog: SubmissionBacklog = SubmissionBacklog.unbounded(),
  ) {}

  async handle(event: IntegrationEvent<MessagesSubmittedV1>): Promise<void> {
    const submitted = event.data;
    const updates = submitted.results.map((r) => statusOf(r, submitted.channelId));
    await applyOnce(this.db, 'submissions', event.id, () => this.messages.advance(updates));
    for (const [batchId, count] of countByBatch(submitted.results)) this.backlog.answered(batchId, count);
  }
}

export function statusOf(r: MessagesSubmittedV1['results'][number], channelId: string): StatusUpdate {
  if (r.status === 'SUBMITTED') return { messageId: r.messageId, status: 'SUBMITTED', operatorMessageIds: r.operatorMessageIds, submittedAt: r.submittedAt, channelId };
  if (r.errorCode === SUBMISSION_CANCELLED) {
    // Why: the customer's cancellation (CANCELLED) or the account's halt (ACCOUNT_SUSPENDED, …).
    return { messageId: r.messageId, status: 'CANCELLED', errorCode: r.cancelReason ?? SUBMISSION_CANCELLED, errorDetail: 'Cancelled at the carrier before the operator took it; never billed' };
  }
  return { messageId: r.messageId, status: 'FAILED', errorCode: r.errorCode ?? 'SUBMIT_FAILED', errorDetail: 'The operator refused the submission' };
}
