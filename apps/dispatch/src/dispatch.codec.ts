import { UNATTRIBUTED } from '@sms/data-protection';
import { eventCodec, jsonEventType, type PersonalFields } from '@sms/use-case-kit/core';
import { CHANNEL_EVENT_TYPES, type ChannelsEvent } from './channels/domain/events';
import { INBOUND_EVENT_TYPES, type InboundEvent } from './inbound/domain/events';
import { BATCH_ACCEPTED_V1_UPCASTER } from './messages/domain/batch-accepted.v1';
import { BATCH_EVENT_TYPES, type BatchEvent } from './messages/domain/events';

/** `EventCodec<DispatchEvent>`: `dispatchCodec` protected by the process's key ring — what every read and write uses. */
export const DISPATCH_CODEC = Symbol('DISPATCH_CODEC');

/** Every event dispatch stores, on its batch, inbound, channel and maintenance streams. */
export type DispatchEvent = BatchEvent | InboundEvent | ChannelsEvent;

const byAccount = (paths: string[]): PersonalFields => ({ owner: (data: { accountId: string }) => data.accountId, paths });

/**
 * Dispatch's one event codec: every read and write of its streams passes through it (the command kit, the
 * projection, the outboxes), so serialisation, upcasting of retired versions and the sealing of personal fields
 * (ADR 0016) have one place. Stored type strings never change; a new shape gets a new version.
 *
 * Personal: recipients' numbers, the rendered texts (they hold the request's parameters) and the request hash (a
 * hash of numbers and parameters, which a guess could be tested against). A reply no send claims is sealed under the
 * platform's unattributed key.
 */
export const dispatchCodec = eventCodec<DispatchEvent>({
  typeOf: (event) => event.type,
  types: [
    {
      ...jsonEventType<DispatchEvent>('BatchAccepted', BATCH_EVENT_TYPES.batchAccepted),
      personal: byAccount(['texts.*', 'messages[].phoneNumber', 'rejected[].phoneNumber', 'requestHash']),
    },
    { ...jsonEventType<DispatchEvent>('BatchRouted', BATCH_EVENT_TYPES.batchRouted), personal: byAccount(['messages[].phoneNumber']) },
    jsonEventType<DispatchEvent>('BatchRoutingFailed', BATCH_EVENT_TYPES.batchRoutingFailed),
    jsonEventType<DispatchEvent>('BatchReleased', BATCH_EVENT_TYPES.batchReleased),
    jsonEventType<DispatchEvent>('MessagesCancelled', BATCH_EVENT_TYPES.messagesCancelled),
    jsonEventType<DispatchEvent>('MessagesWithdrawn', BATCH_EVENT_TYPES.messagesWithdrawn),
    {
      ...jsonEventType<DispatchEvent>('InboundRouted', INBOUND_EVENT_TYPES.inboundRouted),
      personal: { owner: (data: { accountId?: string }) => data.accountId ?? UNATTRIBUTED, paths: ['phoneNumber', 'content'] },
    },
    // Channels and the maintenance window (ADR 0018): no personal data.
    jsonEventType<DispatchEvent>('ChannelConfigured', CHANNEL_EVENT_TYPES.channelConfigured),
    jsonEventType<DispatchEvent>('ChannelPaused', CHANNEL_EVENT_TYPES.channelPaused),
    jsonEventType<DispatchEvent>('ChannelResumed', CHANNEL_EVENT_TYPES.channelResumed),
    jsonEventType<DispatchEvent>('MaintenanceStarted', CHANNEL_EVENT_TYPES.maintenanceStarted),
    jsonEventType<DispatchEvent>('MaintenanceEnded', CHANNEL_EVENT_TYPES.maintenanceEnded),
  ],
  upcasters: [BATCH_ACCEPTED_V1_UPCASTER],
});
