import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type DataErasure, ERASURE_REGISTRY, type ErasureRegistry } from '@sms/service-kit';
import type { UnitOfWork } from '@sms/use-case-kit';
import type { WebhookOutbox, WebhookSubscriptions } from '../application/webhook-store';
import { WEBHOOK_DATABASE, WEBHOOK_OUTBOX, WEBHOOK_SUBSCRIPTIONS } from '../application/tokens';

/** Rows deleted per unit of work. */
export const WEBHOOK_PURGE_CHUNK = 5_000;

/**
 * The webhooks' part of an erasure (ADR 0017), after the key ring destroyed the keys: the account's queued
 * deliveries (whose bodies hold numbers and replies) from before the boundary for a retention, all of them and the
 * webhook itself for the erasure of the account. Idempotent.
 */
@Injectable()
export class EraseWebhooksHandler implements OnModuleInit {
  constructor(
    @Inject(ERASURE_REGISTRY) private readonly registry: ErasureRegistry,
    @Inject(WEBHOOK_SUBSCRIPTIONS) private readonly subscriptions: WebhookSubscriptions,
    @Inject(WEBHOOK_OUTBOX) private readonly outbox: WebhookOutbox,
    @Inject(WEBHOOK_DATABASE) private readonly unitOfWork: UnitOfWork,
  ) {}

  onModuleInit(): void {
    this.registry.register({ name: 'dispatch.webhooks', erase: (erasure) => this.erase(erasure) });
  }

  async erase({ accountId, before }: DataErasure): Promise<void> {
    if (before === undefined) await this.unitOfWork.transaction(() => this.subscriptions.remove(accountId));
    const cutoff = before === undefined ? undefined : Date.parse(before);
    while ((await this.unitOfWork.transaction(() => this.outbox.purge(accountId, cutoff, WEBHOOK_PURGE_CHUNK))) >= WEBHOOK_PURGE_CHUNK) {
      // the next chunk
    }
  }
}
