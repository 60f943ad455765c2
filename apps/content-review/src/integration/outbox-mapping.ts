import {
  INTERNAL_TOPICS,
  MESSAGE_REVIEW_DECIDED_V1,
  MessageReviewDecidedV1,
  MESSAGES_SCREENED_V1,
  MessageKind,
  MessagesScreenedV1,
  ReviewStatus,
  SIGNATURE_STATUS_CHANGED_V1,
  SignatureStatusChangedV1,
  SOURCES,
  TEMPLATE_STATUS_CHANGED_V1,
  TemplateStatusChangedV1,
} from '@sms/contracts';
import type { RecordedEvent } from '@sms/event-store';
import { integrationEvent, OutboxMessage } from '@sms/service-kit';
import type { EventCodec } from '@sms/use-case-kit/core';
import { type ContentReviewEvent, contentReviewCodec } from '../event-codec';
import { DECIDED_STATUS } from '../review/domain/events';

/**
 * What the outbox publishes for a committed event: decoded through the service codec, then mapped. The pipelines
 * pass the codec protectedBy the key ring (a held message's decision holds a sealed reason, ADR 0036).
 */
export function toOutboxMessages(recorded: RecordedEvent, codec: EventCodec<ContentReviewEvent> = contentReviewCodec): OutboxMessage[] {
  // Another slice's event (a violation, sealed with the supervision codec's fields) is skipped before it is opened:
  // decoding it would throw (this codec declares no personal fields for it) and stall the outbox for good.
  if (!codec.knows(recorded.type)) return [];
  const event = codec.decode(recorded);
  return event ? toIntegrationEvents(event, recorded) : [];
}

/**
 * Committed content-review domain events → the integration events other services consume. Every status change of
 * a signature or template is published (submission included), and every screened batch. Explicit and whitelisting:
 * screening evidence (terms), qualification documents and a reviewer's reason stay inside the service. Id, time and trace context come
 * from the recorded event.
 */
export function toIntegrationEvents(event: ContentReviewEvent, recorded: RecordedEvent): OutboxMessage[] {
  switch (event.type) {
    case 'SignatureSubmitted':
      return [signatureChanged(recorded, event.data, 'PENDING_REVIEW', event.data.submittedAt)];
    case 'SignatureApproved':
    case 'SignatureRejected':
    case 'SignatureRevoked':
      return [signatureChanged(recorded, event.data, DECIDED_STATUS[event.type], event.data.decidedAt, event.data.reason)];
    case 'TemplateSubmitted':
      return [templateChanged(recorded, event.data, 'PENDING_REVIEW', event.data.submittedAt)];
    case 'TemplateApproved':
    case 'TemplateRejected':
    case 'TemplateRevoked':
      return [templateChanged(recorded, event.data, DECIDED_STATUS[event.type], event.data.decidedAt, event.data.reason)];
    case 'BatchScreened': {
      const b = event.data;
      const data: MessagesScreenedV1 = {
        batchId: b.batchId,
        accountId: b.accountId,
        kind: b.kind,
        screenedAt: b.screenedAt,
        cleared: b.cleared.map((c) => ({ messageId: c.messageId, segments: c.segments, countryCode: c.countryCode, operator: c.operator })),
        blocked: b.blocked.map((x) => ({ messageId: x.messageId, category: x.category })),
        held: b.held.map((x) => ({ messageId: x.messageId, category: x.category })),
      };
      return [{ topic: INTERNAL_TOPICS.messagesScreened, event: integrationEvent(recorded, MESSAGES_SCREENED_V1, SOURCES.contentReview, b.accountId, data) }];
    }
    case 'HeldMessageReleased':
    case 'HeldMessageBlocked': {
      // On the screening outcome's topic and key, so every consumer sees it after the outcome it decides. The
      // reason and the reviewer stay inside the service.
      const d = event.data;
      const data: MessageReviewDecidedV1 = {
        batchId: d.batchId,
        accountId: d.accountId,
        kind: d.kind,
        messageId: d.messageId,
        released: event.type === 'HeldMessageReleased',
        category: d.category,
        decidedAt: d.decidedAt,
        segments: d.segments,
        countryCode: d.countryCode,
        operator: d.operator,
      };
      return [{ topic: INTERNAL_TOPICS.messagesScreened, event: integrationEvent(recorded, MESSAGE_REVIEW_DECIDED_V1, SOURCES.contentReview, d.accountId, data) }];
    }
  }
}

function signatureChanged(
  recorded: RecordedEvent,
  s: { signatureId: string; accountId: string; name: string },
  status: ReviewStatus,
  changedAt: string,
  reason?: string,
): OutboxMessage {
  const data: SignatureStatusChangedV1 = { signatureId: s.signatureId, accountId: s.accountId, name: s.name, status, ...(reason ? { reason } : {}), changedAt };
  return { topic: INTERNAL_TOPICS.review, event: integrationEvent(recorded, SIGNATURE_STATUS_CHANGED_V1, SOURCES.contentReview, s.accountId, data) };
}

function templateChanged(
  recorded: RecordedEvent,
  t: { templateId: string; accountId: string; name: string; kind: MessageKind; content: string },
  status: ReviewStatus,
  changedAt: string,
  reason?: string,
): OutboxMessage {
  const data: TemplateStatusChangedV1 = {
    templateId: t.templateId,
    accountId: t.accountId,
    name: t.name,
    kind: t.kind,
    content: t.content,
    status,
    ...(reason ? { reason } : {}),
    changedAt,
  };
  return { topic: INTERNAL_TOPICS.review, event: integrationEvent(recorded, TEMPLATE_STATUS_CHANGED_V1, SOURCES.contentReview, t.accountId, data) };
}
