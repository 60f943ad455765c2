import type { AccountStatus } from './common';

/** Topic sms.internal.accounts, key accountId. Emitted on opening and on every status change. */
export const ACCOUNT_STATUS_CHANGED_V1 = 'sms.account-status-changed.v1';
export interface AccountStatusChangedV1 {
  accountId: string;
  status: AccountStatus;
  currency: string;
  reason?: string;
  changedAt: string;
}

/**
 * Topic sms.internal.funds-reserved, key accountId. Outcome of reserving funds for the cleared messages of one
 * batch; every cleared message appears exactly once, in `reserved` or in `rejected`.
 */
export const FUNDS_RESERVED_V1 = 'sms.funds-reserved.v1';
export interface FundsReservedV1 {
  batchId: string;
  accountId: string;
  reservedAt: string;
  reserved: Array<{ messageId: string; segments: number; unitPriceMinor: number; amountMinor: number }>;
  rejected: Array<{ messageId: string; code: 'INSUFFICIENT_BALANCE' | 'ACCOUNT_FROZEN' | 'ACCOUNT_SUSPENDED' | 'ACCOUNT_TERMINATED' | 'ACCOUNT_NOT_FOUND' | 'PRICE_NOT_FOUND'; detail: string }>;
}
