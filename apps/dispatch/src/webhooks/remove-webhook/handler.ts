import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@sms/service-kit';
import type { UnitOfWork } from '@sms/use-case-kit';
import type { WebhookOutbox, WebhookSubscriptions } from '../application/webhook-store';
import { WEBHOOK_DATABASE, WEBHOOK_OUTBOX, WEBHOOK_SUBSCRIPTIONS } from '../application/tokens';
import { webhookNotFound } from '../get-webhook/handler';

/**
 * Removes an account's webhook (`DELETE /v1/accounts/{id}/webhook`). What was queued for it and not yet delivered is
 * dropped with it, in the same unit of work: the customer asked us to stop calling that URL.
 */
@Injectable()
export class RemoveWebhookHandler {
  constructor(
    @Inject(WEBHOOK_SUBSCRIPTIONS) private readonly subscriptions: WebhookSubscriptions,
    @Inject(WEBHOOK_OUTBOX) private readonly outbox: WebhookOutbox,
    @Inject(WEBHOOK_DATABASE) private readonly unitOfWork: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(accountId: string): Promise<void> {
    const removed = await this.unitOfWork.transaction(async () => {
      if (!(await this.subscriptions.remove(accountId))) return false;
      await this.outbox.dropPending(accountId, this.clock.now().getTime());
      return true;
    });
    if (!removed) throw webhookNotFound(accountId);
  }
}
