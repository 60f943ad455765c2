import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataKeyDestroyedError } from '@sms/data-protection';
import { accountNotFound, CLOCK, type Clock, DomainError } from '@sms/service-kit';
import type { UnitOfWork } from '@sms/use-case-kit';
import type { SendDirectory } from '../../messages/application/send-directory';
import { SEND_DIRECTORY } from '../../messages/application/tokens';
import type { TargetGuard, WebhookFeed } from '../application/delivery-ports';
import type { WebhookSubscriptions } from '../application/webhook-store';
import { TARGET_GUARD, WEBHOOK_DATABASE, WEBHOOK_FEED, WEBHOOK_SUBSCRIPTIONS } from '../application/tokens';
import { webhookSecretProblem, webhookUrlProblem } from '../domain/webhook';

export interface ConfigureWebhook {
  accountId: string;
  url: string;
  secret: string;
}

/** What an account's webhook looks like from outside: never its secret. */
export interface WebhookView {
  accountId: string;
  url: string;
  updatedAt: string;
}

/**
 * Sets an account's webhook (CONTRACTS.md `PUT /v1/accounts/{id}/webhook`): the URL is checked against the SSRF guard
 * now — and again before every delivery, since what a name resolves to can change — and the secret kept sealed.
 */
@Injectable()
export class ConfigureWebhookHandler {
  constructor(
    @Inject(WEBHOOK_SUBSCRIPTIONS) private readonly subscriptions: WebhookSubscriptions,
    @Inject(WEBHOOK_DATABASE) private readonly unitOfWork: UnitOfWork,
    @Inject(TARGET_GUARD) private readonly guard: TargetGuard,
    @Inject(SEND_DIRECTORY) private readonly directory: SendDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(WEBHOOK_FEED) private readonly feed?: WebhookFeed,
  ) {}

  async handle(command: ConfigureWebhook): Promise<WebhookView> {
    const problem = webhookUrlProblem(command.url) ?? webhookSecretProblem(command.secret);
    if (problem) throw new DomainError('VALIDATION_FAILED', problem);
    // Accounts dispatch has heard of; a customer key's own account always is one.
    const account = await this.directory.accountOf(command.accountId);
    if (!account) throw accountNotFound(command.accountId);
    await this.guard.check(command.url);
    const subscription = { accountId: command.accountId, url: command.url, secret: command.secret, updatedAt: this.clock.now().toISOString() };
    try {
      await this.unitOfWork.transaction(() => this.subscriptions.save(subscription));
    } catch (error) {
      if (error instanceof DataKeyDestroyedError) throw new DomainError('ACCOUNT_ERASED', `Account ${command.accountId} was erased.`);
      throw error;
    }
    // Answered once the feed is joined: what happens from now on reaches the webhook.
    await this.feed?.listen();
    return { accountId: subscription.accountId, url: subscription.url, updatedAt: subscription.updatedAt };
  }
}
