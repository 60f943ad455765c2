import type { ViolationSummary } from '../application/violations';
import type { Violation } from '../domain/violation';
import type { ViolationResponse } from './dto';

/** Whitelists what a violation shows; the same shape from the write side (after a command) and the read model. */
export function toViolationResponse(v: Violation | ViolationSummary): ViolationResponse {
  return {
    violationId: v.violationId,
    accountId: v.accountId,
    category: v.category,
    origin: v.origin,
    evidence: v.evidence,
    rectifyBy: v.rectifyBy,
    recordedBy: v.recordedBy,
    recordedAt: v.recordedAt,
    status: v.status,
    ...(v.resolution ? { resolution: { outcome: v.resolution.outcome, reason: v.resolution.reason, resolvedBy: v.resolution.resolvedBy, resolvedAt: v.resolution.resolvedAt } } : {}),
  };
}
