import type { MessageKind, ReviewStatus } from './common';

/** Topic sms.internal.review, key accountId. */
export const SIGNATURE_STATUS_CHANGED_V1 = 'sms.signature-status-changed.v1';
export interface SignatureStatusChangedV1 {
  signatureId: string;
  accountId: string;
  name: string;
  status: ReviewStatus;
  reason?: string;
  changedAt: string;
}

/** Topic sms.internal.review, key accountId. Carries the content so dispatch renders without a synchronous call. */
export const TEMPLATE_STATUS_CHANGED_V1 = 'sms.template-status-changed.v1';
export interface TemplateStatusChangedV1 {
  templateId: string;
  accountId: string;
  name: string;
  kind: MessageKind;
  content: string;
  status: ReviewStatus;
  reason?: string;
  changedAt: string;
}

export type ScreeningOutcome = 'PASS' | 'REVIEW' | 'BLOCK';

/** The screening categories of CONTRACTS.md (content-review): what a finding, a lexicon term or a violation is about. */
export const SCREENING_CATEGORIES = [
  'fraud',
  'gambling',
  'pornography',
  'drugs',
  'weapons',
  'counterfeit',
  'smuggling',
  'false-lottery',
  'false-matchmaking',
  'false-recruitment',
  'sp-trick',
  'unsolicited-ad',
  'political',
  'ethnic-hatred',
  'cult',
  'terror',
  'rumour',
  'defamation',
  'crime-method',
] as const;

/**
 * Topic sms.internal.messages-screened, key accountId. Every message of the accepted batch appears exactly once:
 * cleared (may be sent), blocked (never sent, never billed) or held (waits for a human reviewer).
 */
export const MESSAGES_SCREENED_V1 = 'sms.messages-screened.v1';
export interface MessagesScreenedV1 {
  batchId: string;
  accountId: string;
  kind: MessageKind;
  screenedAt: string;
  cleared: Array<{ messageId: string; segments: number; countryCode: string; operator: string }>;
  blocked: Array<{ messageId: string; category: string }>;
  held: Array<{ messageId: string; category: string }>;
}

/**
 * Topic sms.internal.messages-screened (the same topic and key as the screening outcome it decides, so every
 * consumer sees it after that outcome), key accountId. A reviewer's decision on one message screening held
 * (`POST /v1/messages/{id}/review-decision`): released, it goes on like a cleared message (account-billing reserves
 * it, dispatch routes it); blocked, it ends BLOCKED, never reserved, never billed. Decided once per message.
 */
export const MESSAGE_REVIEW_DECIDED_V1 = 'sms.message-review-decided.v1';
export interface MessageReviewDecidedV1 {
  batchId: string;
  accountId: string;
  kind: MessageKind;
  messageId: string;
  released: boolean;
  /** The screening category it was held for. */
  category: string;
  decidedAt: string;
  /** What account-billing prices a released message by (as a cleared message of MessagesScreenedV1). */
  segments: number;
  countryCode: string;
  operator: string;
}
