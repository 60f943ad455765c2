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

/**
 * Topic sms.internal.accounts, key accountId. The account's money right after a committed ledger event (deposit,
 * reservation, capture, release, adjustment, credit, refund): dispatch's view of what a send can cost. `revision` is
 * the account stream's revision, so an older figure never overwrites a newer one. Amounts are minor-unit integers in
 * the account's currency (sms.account-status-changed.v1 carries it).
 */
export const ACCOUNT_BALANCE_V1 = 'sms.account-balance.v1';
export interface AccountBalanceV1 {
  accountId: string;
  balanceMinor: number;
  availableMinor: number;
  revision: number;
  at: string;
}

/**
 * Topic sms.internal.prices, key version. A price catalogue version as published (its effectiveAt may lie ahead:
 * a price change announced under the notice period). Unit prices per billed segment in minor units.
 */
export const PRICE_CATALOGUE_V1 = 'sms.price-catalogue.v1';
export interface PriceCatalogueV1 {
  version: number;
  currency: string;
  effectiveAt: string;
  publishedAt: string;
  prices: Array<{ kind: string; country: string; operator?: string; unitPriceMinor: number }>;
}
