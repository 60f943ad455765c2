import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { INTERNAL_TOPICS, VIOLATION_RECORDED_V1, VIOLATION_RESOLVED_V1 } from '@sms/contracts';
import { type BusSubscription, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { SupervisionReactionHandler } from './handler';
import { parseViolationNotice } from './reaction';

export const SUPERVISION_CONSUMER_GROUP = 'account-billing.violations';

/** Consumes `sms.internal.violations` (ADR 0034); a malformed payload fails every retry and ends on the dead-letter topic. */
@Injectable()
export class SupervisionReactionConsumer implements OnModuleInit, OnModuleDestroy {
  private subscription?: BusSubscription;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly reaction: SupervisionReactionHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: SUPERVISION_CONSUMER_GROUP,
      topics: [INTERNAL_TOPICS.violations],
      handler: async (event) => {
        if (event.type !== VIOLATION_RECORDED_V1 && event.type !== VIOLATION_RESOLVED_V1) return;
        const notice = parseViolationNotice(event.type, event.data);
        if (!notice) throw new Error(`invalid ${event.type} payload (event ${event.id})`);
        await this.reaction.handle(event, notice);
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }
}
