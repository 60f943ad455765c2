import { Inject, Injectable } from '@nestjs/common';
import type { IntegrationEvent } from '@sms/messaging';
import { CLOCK, type Clock } from '@sms/service-kit';
import type { CarrierState } from '../application/carrier-state.port';
import { CARRIER_STATE } from '../application/tokens';
import { RelayOutcomesHandler } from '../relay-outcomes/handler';
import { parseMessageCancellationsRequested } from './message-cancellations.payload';

/**
 * A customer's cancellation of queued messages (`DELETE /v1/messages/{id}`, published by dispatch; ADR 0023): each
 * named message the carrier still holds unsubmitted is answered FAILED with errorCode CANCELLED and nothing submitted,
 * relayed on sms.internal.submissions (billing releases it, dispatch marks it CANCELLED). One already handed to a window
 * or answered is left to its normal outcome; one not queued yet is cancelled when it arrives. The event id is claimed
 * in the same unit, so a redelivery cancels nothing twice.
 */
@Injectable()
export class CancelQueuedHandler {
  constructor(
    @Inject(CARRIER_STATE) private readonly state: CarrierState,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RelayOutcomesHandler) private readonly relay: Pick<RelayOutcomesHandler, 'handle'>,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    const request = parseMessageCancellationsRequested(event.data);
    const { cancelled } = await this.state.cancel(event.id, request, this.clock.now().toISOString());
    if (cancelled > 0) this.relay.handle();
  }
}
