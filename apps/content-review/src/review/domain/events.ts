import type { MessageKind, ReviewStatus, ScreeningOutcome } from '@sms/contracts';

/**
 * Stored type strings of the review context's domain events: what the event store keeps, so they never change once
 * written (a new shape gets a new version and an upcaster in the service's codec, `event-codec.ts`).
 */
export const REVIEW_EVENTS = {
  signatureSubmitted: 'content-review.SignatureSubmitted.v1',
  signatureApproved: 'content-review.SignatureApproved.v1',
  signatureRejected: 'content-review.SignatureRejected.v1',
  signatureRevoked: 'content-review.SignatureRevoked.v1',
  templateSubmitted: 'content-review.TemplateSubmitted.v1',
  templateApproved: 'content-review.TemplateApproved.v1',
  templateRejected: 'content-review.TemplateRejected.v1',
  templateRevoked: 'content-review.TemplateRevoked.v1',
} as const;

/** Every content-review domain event type starts with this (outbox and projection filters use it). */
export const CONTENT_REVIEW_EVENT_PREFIX = 'content-review.';

export const signatureStream = (signatureId: string): string => `signature-${signatureId}`;
export const templateStream = (templateId: string): string => `template-${templateId}`;

export const SIGNATURE_PURPOSES = ['company', 'app', 'website', 'trademark', 'government', 'other'] as const;
export type SignaturePurpose = (typeof SIGNATURE_PURPOSES)[number];

/** A qualification document (business licence, trademark certificate, app ownership proof …) by reference. */
export interface QualificationDocument {
  kind: string;
  reference: string;
}

export interface SignatureSubmitted {
  signatureId: string;
  accountId: string;
  name: string;
  purpose: SignaturePurpose;
  documents: QualificationDocument[];
  submittedAt: string;
}

/**
 * Decision events repeat the account and name so that what was decided is self-describing and the outbox maps
 * each event to an integration event without looking anything up.
 */
export interface SignatureDecided {
  signatureId: string;
  accountId: string;
  name: string;
  /** Required for a rejection or revocation, optional note on an approval. */
  reason?: string;
  decidedAt: string;
}

export interface TemplateScreening {
  outcome: ScreeningOutcome;
  category?: string;
  matches: Array<{ term: string; category: string; level: 'BLOCK' | 'REVIEW'; index: number }>;
}

export interface TemplateSubmitted {
  templateId: string;
  accountId: string;
  name: string;
  kind: MessageKind;
  content: string;
  variables: string[];
  /** The automatic screening run at submission. */
  screening: TemplateScreening;
  submittedAt: string;
}

/** Carries kind and content so the approved wording travels with the decision (dispatch renders from it). */
export interface TemplateDecided {
  templateId: string;
  accountId: string;
  name: string;
  kind: MessageKind;
  content: string;
  reason?: string;
  /** True when screening decided (a BLOCK at submission), false for a human reviewer. */
  automatic: boolean;
  decidedAt: string;
}

export type SignatureEvent =
  | { type: 'SignatureSubmitted'; data: SignatureSubmitted }
  | { type: 'SignatureApproved'; data: SignatureDecided }
  | { type: 'SignatureRejected'; data: SignatureDecided }
  | { type: 'SignatureRevoked'; data: SignatureDecided };

export type TemplateEvent =
  | { type: 'TemplateSubmitted'; data: TemplateSubmitted }
  | { type: 'TemplateApproved'; data: TemplateDecided }
  | { type: 'TemplateRejected'; data: TemplateDecided }
  | { type: 'TemplateRevoked'; data: TemplateDecided };

export type ReviewEvent = SignatureEvent | TemplateEvent;

/** The events that decide a signature or template, and the status each leaves it in. */
export type ReviewDecidedEvent = Exclude<ReviewEvent, { type: 'SignatureSubmitted' | 'TemplateSubmitted' }>;
export const DECIDED_STATUS: Record<ReviewDecidedEvent['type'], Exclude<ReviewStatus, 'PENDING_REVIEW'>> = {
  SignatureApproved: 'APPROVED',
  SignatureRejected: 'REJECTED',
  SignatureRevoked: 'REVOKED',
  TemplateApproved: 'APPROVED',
  TemplateRejected: 'REJECTED',
  TemplateRevoked: 'REVOKED',
};

export const SIGNATURE_EVENT_TYPES: ReadonlyArray<SignatureEvent['type']> = ['SignatureSubmitted', 'SignatureApproved', 'SignatureRejected', 'SignatureRevoked'];
export const TEMPLATE_EVENT_TYPES: ReadonlyArray<TemplateEvent['type']> = ['TemplateSubmitted', 'TemplateApproved', 'TemplateRejected', 'TemplateRevoked'];

/** Expected failures of the review deciders: stable codes, mapped to HTTP and gRPC statuses at the edge. */
export type ReviewRejectionCode =
  | 'VALIDATION_FAILED'
  | 'SIGNATURE_NOT_FOUND'
  | 'TEMPLATE_NOT_FOUND'
  | 'ALREADY_DECIDED'
  | 'CONCURRENCY_CONFLICT'
  | 'SIGNATURE_NOT_APPROVED'
  | 'TEMPLATE_NOT_APPROVED';

/** Length as a reader counts it: code points, so one CJK or emoji character counts once. */
export const charCount = (value: string): number => Array.from(value).length;
