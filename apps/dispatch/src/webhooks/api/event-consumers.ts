import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PUBLIC_TOPICS } from '@sms/contracts';
import { type BusSubscription, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import type { WebhookFeed } from '../application/delivery-ports';
import type { WebhookSubscriptions } from '../application/webhook-store';
import { WEBHOOK_SUBSCRIPTIONS } from '../application/tokens';
import { EnqueueDeliveriesHandler } from '../enqueue-deliveries/handler';

/**
 * Webhooks hear what customers' platforms hear: the public topics, in a consumer group of their own — the same in
 * the embedded profile (in-process bus) and over Kafka, and whoever publishes on them.
 *
 * The group is joined at start when some account has a webhook, otherwise when the first one is set: reading back
 * every receipt (one event per message) cost the embedded profile ~15 % of its main thread with no webhook at all.
 * A group created then starts at the latest offsets — a webhook receives what happens after it is set — and once it
 * exists it resumes where it left off, across restarts.
 */
@Injectable()
export class WebhookEventConsumers implements WebhookFeed, OnModuleInit, OnModuleDestroy {
  private joining?: Promise<BusSubscription>;
  private closed = false;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(WEBHOOK_SUBSCRIPTIONS) private readonly subscriptions: WebhookSubscriptions,
    private readonly enqueue: EnqueueDeliveriesHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    if ((await this.subscriptions.accounts()).length > 0) await this.listen();
  }

  listen(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.joining ??= this.bus
      .subscribe({
        groupId: 'dispatch.webhooks',
        topics: [PUBLIC_TOPICS.deliveryReceipts, PUBLIC_TOPICS.inbound],
        handler: (event) => this.enqueue.handle(event),
        fromBeginning: false,
      })
      .catch((error: unknown) => {
        this.joining = undefined;
        throw error;
      });
    return this.joining.then(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    await (await this.joining?.catch(() => undefined))?.close();
  }
}
