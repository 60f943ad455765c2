import { eventCodec, jsonEventType } from '@sms/use-case-kit/core';
import { INBOUND_EVENT_TYPES, type InboundEvent } from './inbound/domain/events';
import { BATCH_ACCEPTED_V1_UPCASTER } from './messages/domain/batch-accepted.v1';
import { BATCH_EVENT_TYPES, type BatchEvent } from './messages/domain/events';

/** Every event dispatch stores, on its batch and inbound streams. */
export type DispatchEvent = BatchEvent | InboundEvent;

/**
 * Dispatch's one event codec: every read and write of its streams passes through it (the command kit, the
 * projection, the outboxes), so serialisation, upcasting of retired versions and — later — encryption of
 * personal fields have one place. Stored type strings never change; a new shape gets a new version.
 */
export const dispatchCodec = eventCodec<DispatchEvent>({
  typeOf: (event) => event.type,
  types: [
    jsonEventType<DispatchEvent>('BatchAccepted', BATCH_EVENT_TYPES.batchAccepted),
    jsonEventType<DispatchEvent>('BatchRouted', BATCH_EVENT_TYPES.batchRouted),
    jsonEventType<DispatchEvent>('BatchRoutingFailed', BATCH_EVENT_TYPES.batchRoutingFailed),
    jsonEventType<DispatchEvent>('InboundRouted', INBOUND_EVENT_TYPES.inboundRouted),
  ],
  upcasters: [BATCH_ACCEPTED_V1_UPCASTER],
});
