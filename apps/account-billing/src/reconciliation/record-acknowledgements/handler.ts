import { Inject, Injectable } from '@nestjs/common';
import type { MessagesSubmittedV1 } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import type { UnitOfWork } from '@sms/use-case-kit';
import { ACCOUNT_BILLING_DB } from '../../ledger/application/tokens';
import type { ReconciliationStore } from '../application/reconciliation-store';
import { RECONCILIATION_STORE } from '../application/tokens';
import { acknowledgedMessages } from '../domain/message-segments';

/**
 * The carrier's side of reconciliation: the segments the operator acknowledged per message, from each submissions
 * event (one unit of work per event, however many results it carries). A redelivered event, or a result repeated in
 * another event, changes nothing (the table keeps a message's largest count and earliest time).
 */
@Injectable()
export class RecordAcknowledgementsHandler {
  constructor(
    @Inject(ACCOUNT_BILLING_DB) private readonly db: UnitOfWork,
    @Inject(RECONCILIATION_STORE) private readonly store: ReconciliationStore,
  ) {}

  /** Returns how many acknowledged messages the event carried. */
  async handle(event: IntegrationEvent<MessagesSubmittedV1>): Promise<number> {
    const messages = acknowledgedMessages(event.data, event.time);
    if (messages.length > 0) await this.db.transaction(() => this.store.acknowledged(messages));
    return messages.length;
  }
}
