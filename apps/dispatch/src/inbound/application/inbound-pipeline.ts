import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { INBOUND_MESSAGE_V1, InboundMessageV1, PUBLIC_TOPICS, SOURCES } from '@sms/contracts';
import { CheckpointStore, EVENT_STORE, EventStore, RecordedEvent } from '@sms/event-store';
import { IntegrationEvent, MESSAGE_BUS, MessageBus } from '@sms/messaging';
import { integrationEvent, SubscriptionPipelines } from '@sms/service-kit';
import { DISPATCH_CHECKPOINTS } from '../../messages/infrastructure/tokens';
import { INBOUND_EVENTS, InboundRouted } from '../domain/events';

/** Publishes routed replies to customers on the public `sms.inbound` topic (the outbox of the inbound streams). */
@Injectable()
export class InboundPipeline implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pipelines = new SubscriptionPipelines('InboundPipeline');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(DISPATCH_CHECKPOINTS) private readonly checkpoints: CheckpointStore,
  ) {}

  onApplicationBootstrap(): void {
    this.pipelines.run({
      store: this.store,
      checkpoints: this.checkpoints,
      name: 'dispatch.inbound',
      filter: { eventTypePrefixes: [INBOUND_EVENTS.inboundRouted] },
      handle: async (events) => {
        const messages = events.flatMap(toInboundMessage);
        if (messages.length > 0) await this.bus.publish(PUBLIC_TOPICS.inbound, messages);
      },
    });
  }

  /** Resolves once every routed reply committed so far has been published. */
  async caughtUp(): Promise<void> {
    await this.pipelines.caughtUp();
  }

  async onModuleDestroy(): Promise<void> {
    await this.pipelines.stop();
  }
}

/** Unmatched replies belong to no customer, so they stay inside. */
export function toInboundMessage(recorded: RecordedEvent): Array<IntegrationEvent<InboundMessageV1>> {
  const r = recorded.data as InboundRouted;
  if (!r.accountId) return [];
  return [
    integrationEvent<InboundMessageV1>(recorded, INBOUND_MESSAGE_V1, SOURCES.dispatch, r.accountId, {
      inboundId: r.inboundId,
      accountId: r.accountId,
      ...(r.signatureId ? { signatureId: r.signatureId } : {}),
      phoneNumber: r.phoneNumber,
      content: r.content,
      receivedAt: r.receivedAt,
      optOut: r.optOut,
    }),
  ];
}
