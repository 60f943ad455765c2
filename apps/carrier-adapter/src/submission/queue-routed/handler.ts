import { Inject, Injectable } from '@nestjs/common';
import type { IntegrationEvent } from '@sms/messaging';
import { CLOCK, type Clock } from '@sms/service-kit';
import type { CarrierState } from '../application/carrier-state.port';
import { CARRIER_STATE } from '../application/tokens';
import { RelayOutcomesHandler } from '../relay-outcomes/handler';
import { SubmitQueuedHandler } from '../submit-queued/handler';
import { parseMessagesRouted } from './messages-routed.payload';

/**
 * Dispatch routed messages to a channel: they are queued durably (before the bus moves its offset) and the submit
 * loop is woken. The queue claims the event id in the same unit, so a redelivered event queues nothing and wakes
 * nothing; a payload that fails validation throws, so the bus retries it and then dead-letters it. Messages of a halted
 * account, or cancelled before they came, are answered CANCELLED in that unit instead (ADR 0023): the relay is woken
 * for them.
 */
@Injectable()
export class QueueRoutedHandler {
  constructor(
    @Inject(CARRIER_STATE) private readonly state: CarrierState,
    @Inject(SubmitQueuedHandler) private readonly submitQueued: Pick<SubmitQueuedHandler, 'handle'>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RelayOutcomesHandler) private readonly relay: Pick<RelayOutcomesHandler, 'handle'>,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    const routed = parseMessagesRouted(event.data);
    if (await this.state.enqueue(event.id, routed, this.clock.now().toISOString())) {
      this.submitQueued.handle(routed.channelId);
      // Whatever was cancelled as it arrived is in the outbox; with nothing there the relay's round is one empty read.
      this.relay.handle();
    }
  }
}
