import {
  MESSAGE_CANCELLATIONS_REQUESTED_V1,
  type MessageCancellationsRequestedV1,
  MESSAGES_ACCEPTED_V1,
  MESSAGES_ROUTED_V1,
  MESSAGES_WITHDRAWN_V1,
  type MessagesAcceptedV1,
  type MessagesRoutedV1,
  type MessagesWithdrawnV1,
  SOURCES,
} from '@sms/contracts';
import type { RecordedEvent } from '@sms/event-store';
import type { IntegrationEvent } from '@sms/messaging';
import { integrationEvent } from '@sms/service-kit';
import { type AcceptedMessage, type BatchAccepted, type BatchRouted, type BatchRoutingFailed, type MessagesCancelled, type MessagesWithdrawn, textOf } from '../domain/events';

/**
 * A committed BatchAccepted as `sms.messages-accepted.v1`: every message with its rendered text, for screening — or,
 * for a scheduled batch released (BatchReleased), the messages `only` it released.
 */
export function toMessagesAccepted(recorded: RecordedEvent, batch: BatchAccepted, only?: ReadonlySet<string>): IntegrationEvent<MessagesAcceptedV1> {
  return integrationEvent(recorded, MESSAGES_ACCEPTED_V1, SOURCES.dispatch, batch.accountId, {
    batchId: batch.batchId,
    accountId: batch.accountId,
    kind: batch.kind,
    signatureId: batch.signatureId,
    templateId: batch.templateId,
    acceptedAt: batch.acceptedAt,
    messages: (only ? batch.messages.filter((m) => only.has(m.messageId)) : batch.messages).map((m) => ({
      messageId: m.messageId,
      phoneNumber: m.phoneNumber,
      countryCode: m.countryCode,
      operator: m.operator,
      segments: m.segments,
      encoding: m.encoding,
      text: textOf(batch, m),
    })),
  });
}

/**
 * A committed BatchRouted as `sms.messages-routed.v1` for the carrier: each message's text (and the customer's
 * outId) comes from the batch it belongs to, where they are stored once; `sourceExtension` is the extension code of
 * the batch's signature, which the carrier appends to its channel's source address.
 */
export function toMessagesRouted(recorded: RecordedEvent, routed: BatchRouted, batch: BatchAccepted, sourceExtension?: string): IntegrationEvent<MessagesRoutedV1> {
  const accepted = new Map<string, AcceptedMessage>(batch.messages.map((m) => [m.messageId, m]));
  return integrationEvent(recorded, MESSAGES_ROUTED_V1, SOURCES.dispatch, routed.accountId, {
    batchId: routed.batchId,
    accountId: routed.accountId,
    channelId: routed.channelId,
    routedAt: routed.routedAt,
    ...(sourceExtension !== undefined ? { sourceExtension } : {}),
    messages: routed.messages.map((m) => {
      const message = accepted.get(m.messageId);
      if (!message) throw new Error(`Message ${m.messageId} was routed but is not in batch ${routed.batchId}`);
      return {
        messageId: m.messageId,
        phoneNumber: m.phoneNumber,
        text: textOf(batch, message),
        segments: m.segments,
        operator: m.operator,
        ...(batch.outId !== undefined ? { outId: batch.outId } : {}),
      };
    }),
  });
}

/** Messages whose reservations are to be released: withdrawn before routing, or unroutable. */
export function toMessagesWithdrawn(recorded: RecordedEvent, data: MessagesWithdrawn | BatchRoutingFailed): IntegrationEvent<MessagesWithdrawnV1> {
  return integrationEvent(recorded, MESSAGES_WITHDRAWN_V1, SOURCES.dispatch, data.accountId, {
    batchId: data.batchId,
    accountId: data.accountId,
    code: data.code,
    messageIds: data.messageIds,
    withdrawnAt: 'withdrawnAt' in data ? data.withdrawnAt : data.failedAt,
  });
}

/** Routed messages the customer cancelled, asked back from the carrier. */
export function toCancellationsRequested(recorded: RecordedEvent, data: MessagesCancelled): IntegrationEvent<MessageCancellationsRequestedV1> {
  return integrationEvent(recorded, MESSAGE_CANCELLATIONS_REQUESTED_V1, SOURCES.dispatch, data.accountId, {
    accountId: data.accountId,
    requestedAt: data.cancelledAt,
    messages: data.requested.map(({ messageId }) => ({ messageId, batchId: data.batchId })),
  });
}
