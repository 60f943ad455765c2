import { Inject, Injectable } from '@nestjs/common';
import type { IntegrationEvent } from '@sms/messaging';
import type { CarrierState } from '../application/carrier-state.port';
import { CARRIER_STATE } from '../application/tokens';
import { SubmitQueuedHandler } from '../submit-queued/handler';
import { parseMessagesRouted } from './messages-routed.payload';

/**
 * Dispatch routed messages to a channel: they are queued durably (before the bus moves its offset) and the submit
 * loop is woken. The queue claims the event id in the same unit, so a redelivered event queues nothing and wakes
 * nothing; a payload that fails validation throws, so the bus retries it and then dead-letters it.
 */
@Injectable()
export class QueueRoutedHandler {
  constructor(
    @Inject(CARRIER_STATE) private readonly state: CarrierState,
    @Inject(SubmitQueuedHandler) private readonly submitQueued: Pick<SubmitQueuedHandler, 'handle'>,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    const routed = parseMessagesRouted(event.data);
    if (await this.state.enqueue(event.id, routed)) this.submitQueued.handle();
  }
}
