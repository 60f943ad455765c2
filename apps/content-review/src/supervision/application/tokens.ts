/** Injection tokens of the supervision context (ADR 0034). */

/** The violation streams' command handler. */
export const VIOLATIONS = Symbol('VIOLATIONS');
/** The violations read model port. */
export const VIOLATION_REPOSITORY = Symbol('VIOLATION_REPOSITORY');
/** The supervision settings (rectification default, complaint threshold). */
export const SUPERVISION_CONFIG = Symbol('SUPERVISION_CONFIG');
/** The complaints and screened-message counts port (ADR 0034 "Complaints"). */
export const COMPLAINT_REPOSITORY = Symbol('COMPLAINT_REPOSITORY');
/** The complaint-keyword matcher for MO replies, built-in keywords plus `COMPLAINT_KEYWORDS` (ADR 0034). */
export const COMPLAINT_MATCHER = Symbol('COMPLAINT_MATCHER');
/** The blocked-content rule's settings (BLOCKED_CONTENT_*, ADR 0034 "Blocked content"). */
export const BLOCKED_CONTENT_CONFIG = Symbol('BLOCKED_CONTENT_CONFIG');
/** Screened and blocked messages per batch, the blocked-content rule's counts. */
export const BLOCKED_CONTENT_COUNTS = Symbol('BLOCKED_CONTENT_COUNTS');
