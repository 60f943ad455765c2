import {
  INTERNAL_TOPICS,
  MESSAGES_SCREENED_V1,
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
import { REVIEW_EVENTS, SignatureDecided, SignatureSubmitted, TemplateDecided, TemplateSubmitted } from '../review/domain/events';
import { BatchScreened, SCREENING_EVENTS } from '../screening/domain/batch-screening';

const SIGNATURE_STATUS: Record<string, ReviewStatus> = {
  [REVIEW_EVENTS.signatureSubmitted]: 'PENDING_REVIEW',
  [REVIEW_EVENTS.signatureApproved]: 'APPROVED',
  [REVIEW_EVENTS.signatureRejected]: 'REJECTED',
  [REVIEW_EVENTS.signatureRevoked]: 'REVOKED',
};

const TEMPLATE_STATUS: Record<string, ReviewStatus> = {
  [REVIEW_EVENTS.templateSubmitted]: 'PENDING_REVIEW',
  [REVIEW_EVENTS.templateApproved]: 'APPROVED',
  [REVIEW_EVENTS.templateRejected]: 'REJECTED',
  [REVIEW_EVENTS.templateRevoked]: 'REVOKED',
};

/**
 * Committed content-review domain events → the integration events other services consume. Every status change of
 * a signature or template is published (submission included), and every screened batch. Explicit and whitelisting:
 * screening evidence (terms) and qualification documents stay inside the service.
 */
export function toIntegrationEvents(recorded: RecordedEvent): OutboxMessage[] {
  const signatureStatus = SIGNATURE_STATUS[recorded.type];
  if (signatureStatus) {
    const d = recorded.data as SignatureSubmitted & SignatureDecided;
    const data: SignatureStatusChangedV1 = {
      signatureId: d.signatureId,
      accountId: d.accountId,
      name: d.name,
      status: signatureStatus,
      ...(d.reason ? { reason: d.reason } : {}),
      changedAt: d.decidedAt ?? d.submittedAt,
    };
    return [{ topic: INTERNAL_TOPICS.review, event: integrationEvent(recorded, SIGNATURE_STATUS_CHANGED_V1, SOURCES.contentReview, d.accountId, data) }];
  }

  const templateStatus = TEMPLATE_STATUS[recorded.type];
  if (templateStatus) {
    const d = recorded.data as TemplateSubmitted & TemplateDecided;
    const data: TemplateStatusChangedV1 = {
      templateId: d.templateId,
      accountId: d.accountId,
      name: d.name,
      kind: d.kind,
      content: d.content,
      status: templateStatus,
      ...(d.reason ? { reason: d.reason } : {}),
      changedAt: d.decidedAt ?? d.submittedAt,
    };
    return [{ topic: INTERNAL_TOPICS.review, event: integrationEvent(recorded, TEMPLATE_STATUS_CHANGED_V1, SOURCES.contentReview, d.accountId, data) }];
  }

  if (recorded.type === SCREENING_EVENTS.batchScreened) {
    const b = recorded.data as BatchScreened;
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

  return [];
}
