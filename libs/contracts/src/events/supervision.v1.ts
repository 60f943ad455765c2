/**
 * Topic sms.internal.violations, key accountId (ADR 0034). content-review records a confirmed violation of the terms
 * (§3.1, §3.5–3.7) — by a reviewer, or automatically when the account's complaint rate crosses its threshold — and
 * account-billing suspends the account for breach (§7.3.2) with the violation as the reason; the suspension stops
 * its transmission (ADR 0023). The evidence stays in content-review (it may hold personal data).
 */
export const VIOLATION_RECORDED_V1 = 'sms.violation-recorded.v1';
export interface ViolationRecordedV1 {
  violationId: string;
  accountId: string;
  category: string;
  /**
   * REVIEWER: recorded by a person; COMPLAINT_RATE: recipients' complaints crossed the threshold; BLOCKED_CONTENT: the
   * account's screening-blocked messages crossed theirs (ADR 0034 "Blocked content").
   */
  origin: 'REVIEWER' | 'COMPLAINT_RATE' | 'BLOCKED_CONTENT';
  /** RFC 3339: the customer must have rectified by then, or the account is terminated. */
  rectifyBy: string;
  /** Key id of the reviewer, or `complaint-rate`. */
  recordedBy: string;
  recordedAt: string;
}

/**
 * Topic sms.internal.violations, key accountId. A reviewer or operator resolved a violation: `reinstate` lifts the
 * suspension, `terminate` requests the account's termination by notice (§7.3.5).
 */
export const VIOLATION_RESOLVED_V1 = 'sms.violation-resolved.v1';
export interface ViolationResolvedV1 {
  violationId: string;
  accountId: string;
  outcome: 'reinstate' | 'terminate';
  reason: string;
  resolvedBy: string;
  resolvedAt: string;
}
