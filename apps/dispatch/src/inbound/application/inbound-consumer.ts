import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { INTERNAL_TOPICS, InboundReceivedV1 } from '@sms/contracts';
import { EVENT_STORE, EventStore } from '@sms/event-store';
import { BusSubscription, IntegrationEvent, MESSAGE_BUS, MessageBus } from '@sms/messaging';
import { deterministicId, transaction, validateOrThrow } from '@sms/service-kit';
import { IsISO8601, IsString, MaxLength, MinLength } from 'class-validator';
import { decideInbound, senderNumber } from '../domain/decide-inbound';
import { INBOUND_EVENTS, inboundStream } from '../domain/events';
import { InboundStore } from '../infrastructure/inbound-store';
import { INBOUND_ROUTING_WINDOW_MS, INBOUND_STORE } from '../infrastructure/tokens';

/** The consumed payload, checked at the edge: a malformed MO goes to the dead-letter topic instead of the model. */
class InboundReceivedPayload implements Pick<InboundReceivedV1, 'inboundId' | 'from' | 'content' | 'receivedAt'> {
  @IsString() @MinLength(1) @MaxLength(128) inboundId!: string;
  @IsString() @MinLength(1) @MaxLength(64) from!: string;
  @IsString() content!: string;
  @IsISO8601() receivedAt!: string;
}

/**
 * Routes every MO the carrier adapter received: finds who last wrote to the sender, decides, appends the decision
 * to the account's inbound stream (id derived from the consumed event, so a redelivery appends nothing), then
 * records the read model and opt-out in the transaction that claims the event id.
 */
@Injectable()
export class InboundConsumer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('InboundConsumer');
  private subscription?: BusSubscription;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INBOUND_STORE) private readonly inbound: InboundStore,
    @Inject(INBOUND_ROUTING_WINDOW_MS) private readonly routingWindowMs: number,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: 'dispatch.inbound',
      topics: [INTERNAL_TOPICS.inboundReceived],
      handler: async (event) => this.onInboundReceived(event),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }

  async onInboundReceived(event: IntegrationEvent): Promise<void> {
    const mo = validateOrThrow(InboundReceivedPayload, { ...(event.data as object) }, `${event.type} payload`);
    // The same MO under another event id (the adapter re-recorded it) was already routed: only claim this id.
    if (this.inbound.inbound(mo.inboundId)) {
      transaction(this.inbound.db, () => this.inbound.claim(event.id));
      return;
    }
    const receivedAt = new Date(mo.receivedAt);
    const notBefore = new Date(receivedAt.getTime() - this.routingWindowMs).toISOString();
    // Bounded by the reply's own time, so deciding again on a redelivery gives the same answer.
    const lastOutbound = this.inbound.lastOutboundTo(senderNumber(mo.from), receivedAt.toISOString(), notBefore);
    const routed = decideInbound(mo, { lastOutbound, routingWindowMs: this.routingWindowMs });

    await this.store.appendToStream(inboundStream(routed.accountId), {
      id: deterministicId(event.id, 'inbound'),
      type: INBOUND_EVENTS.inboundRouted,
      data: routed,
      metadata: traceMetadata(event),
    });
    transaction(this.inbound.db, () => {
      if (this.inbound.claim(event.id)) this.inbound.record(routed);
    });
    if (!routed.accountId) this.logger.debug(`inbound ${routed.inboundId} matched no recent send; recorded, not published`);
  }
}

function traceMetadata(event: IntegrationEvent): Record<string, string> {
  const { traceparent, tracestate } = event.extensions ?? {};
  return { causationId: event.id, ...(traceparent ? { traceparent } : {}), ...(tracestate ? { tracestate } : {}) };
}
