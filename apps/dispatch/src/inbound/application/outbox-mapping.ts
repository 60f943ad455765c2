import { INBOUND_MESSAGE_V1, type InboundMessageV1, SOURCES } from '@sms/contracts';
import type { RecordedEvent } from '@sms/event-store';
import type { IntegrationEvent } from '@sms/messaging';
import { integrationEvent } from '@sms/service-kit';
import type { InboundRouted } from '../domain/events';

/** A routed reply as `sms.inbound-message.v1`. Unmatched replies belong to no customer, so they stay inside. */
export function toInboundMessage(recorded: RecordedEvent, routed: InboundRouted): Array<IntegrationEvent<InboundMessageV1>> {
  if (!routed.accountId) return [];
  return [
    integrationEvent<InboundMessageV1>(recorded, INBOUND_MESSAGE_V1, SOURCES.dispatch, routed.accountId, {
      inboundId: routed.inboundId,
      accountId: routed.accountId,
      ...(routed.signatureId ? { signatureId: routed.signatureId } : {}),
      phoneNumber: routed.phoneNumber,
      content: routed.content,
      receivedAt: routed.receivedAt,
      optOut: routed.optOut,
    }),
  ];
}
