import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PUBLIC_TOPICS } from '@sms/contracts';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { type IntegrationEvent, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { SubscriptionPipelines } from '@sms/service-kit';
import type { ReadModelDatabase } from '@sms/use-case-kit';
import type { EventCodec } from '@sms/use-case-kit/core';
import { DISPATCH_CODEC, type DispatchEvent } from '../../dispatch.codec';
import { toInboundMessage } from '../application/outbox-mapping';
import { INBOUND_DATABASE } from '../application/tokens';
import { INBOUND_EVENT_TYPES } from '../domain/events';

/** Publishes routed replies to customers on the public `sms.inbound` topic (the outbox of the inbound streams). */
@Injectable()
export class InboundPipeline implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pipelines = new SubscriptionPipelines('InboundPipeline');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(INBOUND_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(DISPATCH_CODEC) private readonly codec: EventCodec<DispatchEvent>,
  ) {}

  onApplicationBootstrap(): void {
    this.pipelines.run({
      store: this.store,
      checkpoints: this.db,
      name: 'dispatch.inbound',
      filter: { eventTypePrefixes: [INBOUND_EVENT_TYPES.inboundRouted] },
      handle: async (events) => {
        const messages: IntegrationEvent[] = [];
        for (const recorded of events) {
          const event = this.codec.decode(recorded);
          if (event?.type === 'InboundRouted') messages.push(...toInboundMessage(recorded, event.data));
        }
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
