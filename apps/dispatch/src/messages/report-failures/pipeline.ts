import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { INTERNAL_TOPICS, MESSAGES_SUBMITTED_V1, type MessagesSubmittedV1 } from '@sms/contracts';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { type BusSubscription, type IntegrationEvent, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { SubscriptionPipelines } from '@sms/service-kit';
import type { ReadModelDatabase } from '@sms/use-case-kit';
import type { EventCodec } from '@sms/use-case-kit/core';
import { DISPATCH_CODEC, type DispatchEvent } from '../../dispatch.codec';
import { DISPATCH_DATABASE } from '../application/tokens';
import { BATCH_EVENT_TYPES } from '../domain/events';
import { ReportFailuresHandler } from './handler';

/**
 * Where the failure receipts come from: the carrier's submit results in a consumer group of their own, and the
 * batch streams' committed BatchRoutingFailed events through a checkpointed subscription (an outbox: no dual write).
 */
@Injectable()
export class FailureReceiptsPipeline implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private subscription?: BusSubscription;
  private readonly pipelines = new SubscriptionPipelines('FailureReceipts');

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DISPATCH_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(DISPATCH_CODEC) private readonly codec: EventCodec<DispatchEvent>,
    private readonly failures: ReportFailuresHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: 'dispatch.failure-receipts',
      topics: [INTERNAL_TOPICS.submissions],
      // The topic also carries what the carrier hands back unsubmitted (sms.messages-returned.v1, ADR 0018): no result.
      handler: async (event) => (event.type === MESSAGES_SUBMITTED_V1 ? this.failures.submissions(event as IntegrationEvent<MessagesSubmittedV1>) : undefined),
    });
  }

  onApplicationBootstrap(): void {
    this.pipelines.run({
      store: this.store,
      checkpoints: this.db,
      name: 'dispatch.routing-failure-receipts',
      filter: { eventTypePrefixes: [BATCH_EVENT_TYPES.batchRoutingFailed] },
      handle: async (events) => {
        for (const recorded of events) {
          const event = this.codec.decode(recorded);
          if (event?.type !== 'BatchRoutingFailed') continue;
          const metadata = (recorded.metadata ?? {}) as Record<string, unknown>;
          const extensions: Record<string, string> = typeof metadata.traceparent === 'string' ? { traceparent: metadata.traceparent } : {};
          await this.failures.routingFailed(recorded.id, event.data, extensions);
        }
      },
    });
  }

  /** Resolves once every routing failure committed so far has its receipts published. */
  async caughtUp(): Promise<void> {
    await this.pipelines.caughtUp();
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
    await this.pipelines.stop();
  }
}
