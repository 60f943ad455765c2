import {
  DELIVERY_REPORTED_V1,
  type DeliveryReportedV1,
  INBOUND_RECEIVED_V1,
  type InboundReceivedV1,
  INTERNAL_TOPICS,
  MESSAGES_RETURNED_V1,
  MESSAGES_SUBMITTED_V1,
  type MessagesReturnedV1,
  type MessagesSubmittedV1,
  SOURCES,
} from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { deterministicId, type OutboxMessage } from '@sms/service-kit';
import type { OutboxEntry } from '../application/carrier-state.port';
import { groupBy } from '../application/group-by';

/**
 * One outbox entry → its integration events: one per account (consumers key their work, and Kafka its partitions,
 * by account), or one per inbound message. Ids derive from the database's instance id and the entry's sequence, so
 * republishing an entry after a crash repeats the same ids and consumers drop the duplicates.
 */
export function toIntegrationEvents(instanceId: string, entry: OutboxEntry, recordedAt: Date): OutboxMessage[] {
  const base = deterministicId('carrier-adapter', instanceId, entry.kind, String(entry.seq));
  const event = <T>(index: number, type: string, key: string, data: T): IntegrationEvent<T> => ({
    id: index === 0 ? base : `${base}:${index}`,
    type,
    source: SOURCES.carrierAdapter,
    time: recordedAt.toISOString(),
    key,
    data,
    extensions: {},
  });
  if (entry.kind === 'submission') {
    return [...groupBy(entry.items, (r) => r.accountId)].map(([accountId, list], index) => ({
      topic: INTERNAL_TOPICS.submissions,
      event: event<MessagesSubmittedV1>(index, MESSAGES_SUBMITTED_V1, accountId, {
        accountId,
        channelId: entry.channelId,
        results: list.map(({ accountId: _a, ...r }) => r),
      }),
    }));
  }
  if (entry.kind === 'delivery') {
    return [...groupBy(entry.items, (r) => r.accountId)].map(([accountId, list], index) => ({
      topic: INTERNAL_TOPICS.deliveryReports,
      event: event<DeliveryReportedV1>(index, DELIVERY_REPORTED_V1, accountId, {
        accountId,
        channelId: entry.channelId,
        reports: list.map(({ accountId: _a, ...r }) => r),
      }),
    }));
  }
  if (entry.kind === 'returned') {
    // On the submissions topic, keyed by account: a message's return and its later submission stay in order (ADR 0018).
    return [...groupBy(entry.items, (r) => `${r.accountId}\u0000${r.reason}`)].map(([, list], index) => ({
      topic: INTERNAL_TOPICS.submissions,
      event: event<MessagesReturnedV1>(index, MESSAGES_RETURNED_V1, list[0].accountId, {
        accountId: list[0].accountId,
        channelId: entry.channelId,
        reason: list[0].reason,
        returnedAt: list[list.length - 1].returnedAt,
        messages: list.map((r) => ({ messageId: r.messageId, batchId: r.batchId })),
      }),
    }));
  }
  return entry.items.map((m, index) => ({
    topic: INTERNAL_TOPICS.inboundReceived,
    event: event<InboundReceivedV1>(index, INBOUND_RECEIVED_V1, m.to, { ...m, channelId: entry.channelId }),
  }));
}
