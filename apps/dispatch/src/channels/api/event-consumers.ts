import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { INTERNAL_TOPICS } from '@sms/contracts';
import { type BusSubscription, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { RecordHealthHandler } from '../record-health/handler';

/**
 * The carrier adapter's health reports (ADR 0018). Only what is recent matters: a group that starts afresh starts at
 * the end of the topic, not its beginning. Every dispatch process routes by them; with several replicas each needs its
 * own group (as the key directory has).
 */
@Injectable()
export class ChannelEventConsumers implements OnModuleInit, OnModuleDestroy {
  private subscription?: BusSubscription;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly health: RecordHealthHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: 'dispatch.channel-health',
      topics: [INTERNAL_TOPICS.channelHealth],
      fromBeginning: false,
      maxRetries: 1,
      handler: (event) => this.health.handle(event),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }
}
