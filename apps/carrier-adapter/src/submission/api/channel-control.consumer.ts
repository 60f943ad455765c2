import { Inject, Injectable } from '@nestjs/common';
import { INTERNAL_TOPICS } from '@sms/contracts';
import { type BusSubscription, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { ApplyControlHandler } from '../apply-control/handler';

export const CONTROL_CONSUMER_GROUP = 'carrier-adapter.channel-control';

/**
 * Dispatch's channel controls and maintenance window (ADR 0018), in a group of their own so a routed backlog never
 * delays a pause. Opened and closed by CarrierEngine, like the other inputs.
 */
@Injectable()
export class ChannelControlConsumer {
  private subscription?: BusSubscription;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly applyControl: ApplyControlHandler,
  ) {}

  async subscribe(): Promise<void> {
    this.subscription = await this.bus.subscribe({ groupId: CONTROL_CONSUMER_GROUP, topics: [INTERNAL_TOPICS.channelControl], handler: (event) => this.applyControl.handle(event) });
  }

  async close(): Promise<void> {
    await this.subscription?.close();
  }
}
