import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { type InboundReceivedV1, INTERNAL_TOPICS } from '@sms/contracts';
import { type BusSubscription, type IntegrationEvent, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { validateOrThrow } from '@sms/service-kit';
import { IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { RouteInboundHandler } from '../route-inbound/handler';

/** The consumed payload, checked at the edge: a malformed MO goes to the dead-letter topic instead of the model. */
class InboundReceivedPayload implements Pick<InboundReceivedV1, 'inboundId' | 'from' | 'content' | 'receivedAt'> {
  @IsString() @MinLength(1) @MaxLength(128) inboundId!: string;
  @IsString() @MinLength(1) @MaxLength(64) from!: string;
  /** Our address (service number + extension code); tolerated when absent, the reply then goes by its last sender. */
  @IsOptional() @IsString() @MaxLength(64) to?: string;
  @IsString() content!: string;
  @IsISO8601() receivedAt!: string;
}

/** Every MO the carrier adapter received, validated and handed to the routing use case. */
@Injectable()
export class InboundEventConsumers implements OnModuleInit, OnModuleDestroy {
  private subscription?: BusSubscription;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly routeInbound: RouteInboundHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: 'dispatch.inbound',
      topics: [INTERNAL_TOPICS.inboundReceived],
      handler: async (event: IntegrationEvent) => {
        const mo = validateOrThrow(InboundReceivedPayload, { ...(event.data as object) }, `${event.type} payload`);
        await this.routeInbound.handle(event, mo);
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }
}
