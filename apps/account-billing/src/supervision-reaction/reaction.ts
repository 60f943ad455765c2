import { VIOLATION_RECORDED_V1, VIOLATION_RESOLVED_V1, type ViolationRecordedV1, type ViolationResolvedV1 } from '@sms/contracts';
import type { AccountCommand } from '../ledger/domain/account.commands';

export type ViolationNotice = { type: typeof VIOLATION_RECORDED_V1; data: ViolationRecordedV1 } | { type: typeof VIOLATION_RESOLVED_V1; data: ViolationResolvedV1 };

/**
 * What a violation content-review recorded or resolved does to the account (ADR 0034), as a pure workflow:
 * - recorded → suspended for breach (terms §7.3.2) with the violation as the reason; the suspension stops the
 *   account's transmission (ADR 0023: dispatch and the carrier cancel its unsubmitted messages, never billed);
 * - resolved `reinstate` → the suspension lifted; `terminate` → termination by notice (§7.3.5, ADR 0030).
 * `by` names the violation, so the ledger shows why.
 */
export function reactToViolation(notice: ViolationNotice, at: Date): AccountCommand {
  if (notice.type === VIOLATION_RECORDED_V1) {
    const v = notice.data;
    return { type: 'SuspendAccount', kind: 'BREACH', reason: `violation ${v.violationId} (${v.category}); rectify by ${v.rectifyBy}`, by: `violation:${v.violationId}`, at };
  }
  const r = notice.data;
  const reason = `violation ${r.violationId} resolved: ${r.reason}`;
  return r.outcome === 'reinstate'
    ? { type: 'LiftSuspension', reason, by: r.resolvedBy, at }
    : { type: 'RequestTermination', basis: 'notice', reason, by: r.resolvedBy, at };
}

const isText = (value: unknown, max = 512): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;

/** Validates a consumed payload (edges only); undefined for a malformed one, which the consumer refuses. */
export function parseViolationNotice(type: string, data: unknown): ViolationNotice | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  if (!isText(d.violationId, 64) || !isText(d.accountId, 64)) return undefined;
  if (type === VIOLATION_RECORDED_V1) {
    if (!isText(d.category, 64) || !isText(d.rectifyBy, 64) || !isText(d.recordedBy, 128) || !isText(d.recordedAt, 64)) return undefined;
    return { type, data: d as unknown as ViolationRecordedV1 };
  }
  if (type === VIOLATION_RESOLVED_V1) {
    if ((d.outcome !== 'reinstate' && d.outcome !== 'terminate') || !isText(d.reason, 2000) || !isText(d.resolvedBy, 128)) return undefined;
    return { type, data: d as unknown as ViolationResolvedV1 };
  }
  return undefined;
}
