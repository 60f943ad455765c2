import { INTERNAL_TOPICS, SOURCES, VIOLATION_RECORDED_V1, VIOLATION_RESOLVED_V1, type ViolationRecordedV1, type ViolationResolvedV1 } from '@sms/contracts';
import type { RecordedEvent } from '@sms/event-store';
import { integrationEvent, type OutboxMessage } from '@sms/service-kit';
import type { EventCodec } from '@sms/use-case-kit/core';
import type { ViolationEvent } from '../domain/events';

/**
 * Committed violation events → the integration events account-billing reacts to (ADR 0034). Whitelisting: the
 * evidence stays in content-review. The integration event's id is derived from the recorded event, so account-billing
 * derives its suspension's id from it and a redelivery suspends once.
 */
export function violationOutboxMapper(codec: EventCodec<ViolationEvent>): (recorded: RecordedEvent) => OutboxMessage[] {
  return (recorded) => {
    const event = codec.decode(recorded);
    if (!event) return [];
    if (event.type === 'ViolationRecorded') {
      const v = event.data;
      const data: ViolationRecordedV1 = { violationId: v.violationId, accountId: v.accountId, category: v.category, origin: v.origin, rectifyBy: v.rectifyBy, recordedBy: v.recordedBy, recordedAt: v.recordedAt };
      return [{ topic: INTERNAL_TOPICS.violations, event: integrationEvent(recorded, VIOLATION_RECORDED_V1, SOURCES.contentReview, v.accountId, data) }];
    }
    const r = event.data;
    const data: ViolationResolvedV1 = { violationId: r.violationId, accountId: r.accountId, outcome: r.outcome, reason: r.reason, resolvedBy: r.resolvedBy, resolvedAt: r.resolvedAt };
    return [{ topic: INTERNAL_TOPICS.violations, event: integrationEvent(recorded, VIOLATION_RESOLVED_V1, SOURCES.contentReview, r.accountId, data) }];
  };
}
