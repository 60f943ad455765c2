import { SCREENING_CATEGORIES } from '@sms/contracts';
/**
 * Stored type strings of the supervision context's domain events (ADR 0034). They start with the service's prefix;
 * the review outbox's codec does not know them and skips them, the supervision pipelines publish and project them.
 */
export const SUPERVISION_EVENTS = {
  violationRecorded: 'content-review.ViolationRecorded.v1',
  violationResolved: 'content-review.ViolationResolved.v1',
} as const;

/** Every supervision event type starts with one of these (the supervision pipelines' filter). */
export const SUPERVISION_TYPE_PREFIXES = ['content-review.Violation'];

export const violationStream = (violationId: string): string => `violation-${violationId}`;

/**
 * What a violation is about (terms §3.1, §3.5–3.7): the screening categories, plus what a reviewer or the complaint
 * rate finds that screening does not name.
 */
export const VIOLATION_CATEGORIES = [
  // The screening categories of CONTRACTS.md, so a blocked text's category names its violation…
  ...SCREENING_CATEGORIES,
  // …and what only supervision finds: a complaint rate, an IP complaint (terms §5.2), anything else.
  'complaints',
  'ip-infringement',
  'other',
] as const;
export type ViolationCategory = (typeof VIOLATION_CATEGORIES)[number];

/** A screening category as a violation's: itself when supervision knows it, `other` otherwise (a lexicon's own category). */
export const violationCategoryOf = (category: string): ViolationCategory =>
  (VIOLATION_CATEGORIES as readonly string[]).includes(category) ? (category as ViolationCategory) : 'other';

/** REVIEWER: a person (POST /v1/violations, or blocking a held message); COMPLAINT_RATE and BLOCKED_CONTENT: the rules. */
export type ViolationOrigin = 'REVIEWER' | 'COMPLAINT_RATE' | 'BLOCKED_CONTENT';
export type ViolationOutcome = 'reinstate' | 'terminate';
export const VIOLATION_OUTCOMES: readonly ViolationOutcome[] = ['reinstate', 'terminate'];

export interface ViolationRecorded {
  violationId: string;
  accountId: string;
  category: ViolationCategory;
  origin: ViolationOrigin;
  /** Personal data possible (a quoted message, a number): sealed at rest with the account's key (ADR 0016). */
  evidence: string;
  rectifyBy: string;
  recordedBy: string;
  recordedAt: string;
}

export interface ViolationResolved {
  violationId: string;
  accountId: string;
  outcome: ViolationOutcome;
  reason: string;
  resolvedBy: string;
  resolvedAt: string;
}

export type ViolationEvent = { type: 'ViolationRecorded'; data: ViolationRecorded } | { type: 'ViolationResolved'; data: ViolationResolved };

export type SupervisionRejectionCode = 'VALIDATION_FAILED' | 'VIOLATION_NOT_FOUND' | 'ALREADY_DECIDED';
