/** Product kinds (DOMAIN.md §1). */
export type MessageKind = 'verification' | 'notification' | 'marketing' | 'international' | 'rich-media' | 'smart';
export const MESSAGE_KINDS: readonly MessageKind[] = ['verification', 'notification', 'marketing', 'international', 'rich-media', 'smart'];

export type AccountStatus = 'ACTIVE' | 'FROZEN' | 'SUSPENDED' | 'TERMINATING' | 'TERMINATED';
export type ReviewStatus = 'PENDING_REVIEW' | 'APPROVED' | 'REJECTED' | 'REVOKED';
export type OperatorCode = 'CMCC' | 'CUCC' | 'CTCC' | 'CBN' | 'INTERNATIONAL' | 'UNKNOWN';

/** Public message statuses (CONTRACTS.md). */
export type MessageStatus =
  | 'SCHEDULED'
  | 'ACCEPTED'
  | 'BLOCKED'
  | 'REJECTED'
  | 'QUEUED'
  | 'SUBMITTED'
  | 'DELIVERED'
  | 'UNDELIVERED'
  | 'EXPIRED'
  | 'FAILED'
  | 'CANCELLED';

export type FinalDeliveryStatus = 'DELIVERED' | 'UNDELIVERED' | 'EXPIRED' | 'FAILED';

/** CloudEvents `source` of each producer. */
export const SOURCES = {
  accountBilling: '/sms/account-billing',
  contentReview: '/sms/content-review',
  dispatch: '/sms/dispatch',
  carrierAdapter: '/sms/carrier-adapter',
} as const;
