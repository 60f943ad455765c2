import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { INTERNAL_TOPICS, MESSAGE_REVIEW_DECIDED_V1, MESSAGES_SCREENED_V1, MESSAGES_SUBMITTED_V1, MESSAGES_WITHDRAWN_V1 } from '@sms/contracts';
import { type BusSubscription, type IntegrationEvent, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { ReserveFundsHandler } from '../reserve-funds/handler';
import { ReleaseWithdrawnHandler } from '../release-withdrawn/handler';
import { SettleFundsHandler } from '../settle-funds/handler';
import { parseMessageReviewDecided, parseMessagesScreened, parseMessagesSubmitted, parseMessagesWithdrawn } from './payloads';

export const CONSUMER_GROUPS = {
  reserveFunds: 'account-billing.reserve-funds',
  settleFunds: 'account-billing.settle-funds',
  releaseWithdrawn: 'account-billing.release-withdrawn',
} as const;

/**
 * Subscribes in onModuleInit so that, in the one-process profile, every consumer exists before any outbox publishes.
 * Handlers are idempotent (state guards + ids derived from the consumed event), so redelivery is harmless; an
 * invalid payload fails every retry and ends on the dead-letter topic.
 */
@Injectable()
export class AccountBillingConsumers implements OnModuleInit, OnModuleDestroy {
  private readonly subscriptions: BusSubscription[] = [];

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly reserveFunds: ReserveFundsHandler,
    private readonly settleFunds: SettleFundsHandler,
    private readonly releaseWithdrawn: ReleaseWithdrawnHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscriptions.push(
      await this.bus.subscribe({
        groupId: CONSUMER_GROUPS.reserveFunds,
        topics: [INTERNAL_TOPICS.messagesScreened],
        handler: async (event) => {
          // A reviewer's decision shares the topic and key, so it comes after the outcome that held the message (ADR 0036).
          if (event.type === MESSAGE_REVIEW_DECIDED_V1) {
            await this.reserveFunds.release({ ...event, data: parseMessageReviewDecided(event.data, event.type) } as IntegrationEvent<never>);
            return;
          }
          if (event.type !== MESSAGES_SCREENED_V1) return;
          await this.reserveFunds.handle({ ...event, data: parseMessagesScreened(event.data, event.type) } as IntegrationEvent<never>);
        },
      }),
    );
    this.subscriptions.push(
      await this.bus.subscribe({
        groupId: CONSUMER_GROUPS.settleFunds,
        topics: [INTERNAL_TOPICS.submissions],
        handler: async (event) => {
          if (event.type !== MESSAGES_SUBMITTED_V1) return;
          await this.settleFunds.handle({ ...event, data: parseMessagesSubmitted(event.data, event.type) } as IntegrationEvent<never>);
        },
      }),
    );
    this.subscriptions.push(
      await this.bus.subscribe({
        groupId: CONSUMER_GROUPS.releaseWithdrawn,
        topics: [INTERNAL_TOPICS.messagesWithdrawn],
        handler: async (event) => {
          if (event.type !== MESSAGES_WITHDRAWN_V1) return;
          await this.releaseWithdrawn.handle({ ...event, data: parseMessagesWithdrawn(event.data, event.type) } as IntegrationEvent<never>);
        },
      }),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.subscriptions.splice(0).map((s) => s.close()));
  }
}
