import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { INTERNAL_TOPICS, MESSAGES_ACCEPTED_V1 } from '@sms/contracts';
import { BusSubscription, MESSAGE_BUS, MessageBus } from '@sms/messaging';
import { ScreenBatchHandler } from '../screen-batch/handler';

export const SCREENING_CONSUMER_GROUP = 'content-review.screening';

/**
 * Send-time screening: consumes accepted batches from dispatch. Subscribed in onModuleInit so that, in the
 * one-process profile, it is listening before any outbox publishes. A payload that fails validation is retried by
 * the bus and then dead-lettered, never silently dropped.
 */
@Injectable()
export class ScreeningConsumer implements OnModuleInit, OnModuleDestroy {
  private subscription?: BusSubscription;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly screenBatch: ScreenBatchHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: SCREENING_CONSUMER_GROUP,
      topics: [INTERNAL_TOPICS.messagesAccepted],
      handler: async (event) => {
        if (event.type === MESSAGES_ACCEPTED_V1) await this.screenBatch.handle(event);
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }
}
