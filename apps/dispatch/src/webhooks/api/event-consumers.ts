import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PUBLIC_TOPICS } from '@sms/contracts';
import { type BusSubscription, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { EnqueueDeliveriesHandler } from '../enqueue-deliveries/handler';

/**
 * Webhooks hear what customers' platforms hear: the public topics, in a consumer group of their own — the same in
 * the embedded profile (in-process bus) and over Kafka, and whoever publishes on them.
 */
@Injectable()
export class WebhookEventConsumers implements OnModuleInit, OnModuleDestroy {
  private subscription?: BusSubscription;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly enqueue: EnqueueDeliveriesHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: 'dispatch.webhooks',
      topics: [PUBLIC_TOPICS.deliveryReceipts, PUBLIC_TOPICS.inbound],
      handler: (event) => this.enqueue.handle(event),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }
}
