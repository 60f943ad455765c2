/** Product kinds (DOMAIN.md §1). */
export type MessageKind = 'verification' | 'notification' | 'marketing' | 'international' | 'rich-media' | 'smart';
export const MESSAGE_KINDS: readonly MessageKind[] = ['verification', 'notification', 'marketing', 'international', 'rich-media', 'smart'];

export type AccountStatus = 'ACTIVE' | 'FROZEN' | 'SUSPENDED' | 'TERMINATING' | 'TERMINATED';

/** The stable code an account that may not send is refused and stopped with (terms §7; CONTRACTS.md error codes). */
export type AccountHaltCode = 'ACCOUNT_FROZEN' | 'ACCOUNT_SUSPENDED' | 'ACCOUNT_TERMINATED';

const HALT_CODES: Record<AccountStatus, AccountHaltCode | undefined> = {
  ACTIVE: undefined,
  FROZEN: 'ACCOUNT_FROZEN',
  SUSPENDED: 'ACCOUNT_SUSPENDED',
  // Termination stops sending at once (DOMAIN §5): new sends and what is queued alike.
  TERMINATING: 'ACCOUNT_TERMINATED',
  TERMINATED: 'ACCOUNT_TERMINATED',
};

/** Why an account of this status sends nothing — the same code for a refused send and a stopped message — or undefined while it may send. */
export const accountHaltCode = (status: AccountStatus | undefined): AccountHaltCode | undefined => (status === undefined ? undefined : HALT_CODES[status]);
export type ReviewStatus = 'PENDING_REVIEW' | 'APPROVED' | 'REJECTED' | 'REVOKED';
export type OperatorCode = 'CMCC' | 'CUCC' | 'CTCC' | 'CBN' | 'INTERNATIONAL' | 'UNKNOWN';

/** Public message statuses (CONTRACTS.md). */
export type MessageStatus =
  | 'SCHEDULED'
  | 'ACCEPTED'
  | 'HELD'
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
