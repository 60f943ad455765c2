import type { MessageKind, ScreeningOutcome } from '@sms/contracts';

/**
 * Domain events of the review context. The type strings are stable and versioned; they are what the event store
 * keeps, so they never change once written (a new shape gets a new version and an upcaster).
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
  | { type: typeof REVIEW_EVENTS.signatureSubmitted; data: SignatureSubmitted }
  | { type: typeof REVIEW_EVENTS.signatureApproved; data: SignatureDecided }
  | { type: typeof REVIEW_EVENTS.signatureRejected; data: SignatureDecided }
  | { type: typeof REVIEW_EVENTS.signatureRevoked; data: SignatureDecided };

export type TemplateEvent =
  | { type: typeof REVIEW_EVENTS.templateSubmitted; data: TemplateSubmitted }
  | { type: typeof REVIEW_EVENTS.templateApproved; data: TemplateDecided }
  | { type: typeof REVIEW_EVENTS.templateRejected; data: TemplateDecided }
  | { type: typeof REVIEW_EVENTS.templateRevoked; data: TemplateDecided };

/** An expected failure, returned by deciders as a value; the application layer turns it into a DomainError. */
export interface Rejection {
  ok: false;
  code: 'VALIDATION_FAILED' | 'SIGNATURE_NOT_FOUND' | 'TEMPLATE_NOT_FOUND' | 'ALREADY_DECIDED' | 'CONCURRENCY_CONFLICT' | 'SIGNATURE_NOT_APPROVED' | 'TEMPLATE_NOT_APPROVED';
  detail: string;
}

export type Decision<E> = { ok: true; events: E[] } | Rejection;

export const rejection = (code: Rejection['code'], detail: string): Rejection => ({ ok: false, code, detail });
export const accepted = <E>(...events: E[]): Decision<E> => ({ ok: true, events });

/** Length as a reader counts it: code points, so one CJK or emoji character counts once. */
export const charCount = (value: string): number => Array.from(value).length;
