import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@sms/service-kit';
import type { WebhookSubscriptions } from '../application/webhook-store';
import { WEBHOOK_SUBSCRIPTIONS } from '../application/tokens';
import type { WebhookView } from '../configure-webhook/handler';

/** An account's webhook as its owner and operators see it: the URL and when it was set, never the secret. */
@Injectable()
export class GetWebhookHandler {
  constructor(@Inject(WEBHOOK_SUBSCRIPTIONS) private readonly subscriptions: WebhookSubscriptions) {}

  async handle(accountId: string): Promise<WebhookView> {
    const found = await this.subscriptions.find(accountId);
    if (!found) throw webhookNotFound(accountId);
    return { accountId: found.accountId, url: found.url, updatedAt: found.updatedAt };
  }
}

export const webhookNotFound = (accountId: string): DomainError => new DomainError('WEBHOOK_NOT_FOUND', `Account ${accountId} has no webhook.`);
