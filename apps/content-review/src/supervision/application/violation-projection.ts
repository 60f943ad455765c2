import type { Projected } from '@sms/use-case-kit';
import type { ViolationEvent } from '../domain/events';
import type { ViolationRepository } from './violations';

/** Checkpoint name of the violations projection. */
export const VIOLATION_PROJECTION = 'projection:content-review.violations';

/** Applies committed violation events to the read model, each at its stream revision (replays change nothing). */
export async function projectViolationEvents(violations: ViolationRepository, events: Array<Projected<ViolationEvent>>): Promise<void> {
  for (const { event, recorded } of events) {
    if (event.type === 'ViolationRecorded') {
      const v = event.data;
      await violations.recorded(
        { violationId: v.violationId, accountId: v.accountId, category: v.category, origin: v.origin, evidence: v.evidence, rectifyBy: v.rectifyBy, recordedBy: v.recordedBy, recordedAt: v.recordedAt },
        recorded.revision,
      );
    } else {
      const r = event.data;
      await violations.resolved(r.violationId, { outcome: r.outcome, reason: r.reason, resolvedBy: r.resolvedBy, resolvedAt: r.resolvedAt }, recorded.revision);
    }
  }
}
