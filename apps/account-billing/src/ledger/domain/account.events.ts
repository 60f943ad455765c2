import type { FundsReservedV1 } from '@sms/contracts';

/**
 * Domain events of the Account aggregate (stream `account-<accountId>`).
 *
 * In memory, money is bigint minor units (1/10000 of the currency). In the event store, money fields are decimal
 * strings of integer minor units (`"450"` = 0.0450): exact for any magnitude and safe for every JSON parser. Times are
 * RFC 3339 UTC strings. The service's one codec (`account-billing.codec.ts`) is the only place that converts.
 */

export const accountStream = (accountId: string): string => `account-${accountId}`;
export const ACCOUNT_STREAM_PREFIX = 'account-';

/** Stable type strings written to the store; never derived from class names. A new shape gets a new `.vN` and an upcaster. */
export const ACCOUNT_EVENT_TYPES = {
  AccountOpened: 'account-billing.AccountOpened.v1',
  FundsDeposited: 'account-billing.FundsDeposited.v1',
  FundsReserved: 'account-billing.FundsReserved.v1',
  FundsCaptured: 'account-billing.FundsCaptured.v1',
  FundsReleased: 'account-billing.FundsReleased.v1',
  AccountSuspended: 'account-billing.AccountSuspended.v1',
  SuspensionLifted: 'account-billing.SuspensionLifted.v1',
  RetentionPeriodSet: 'account-billing.RetentionPeriodSet.v1',
  AccountDataErased: 'account-billing.AccountDataErased.v1',
} as const;

export type ReservationRejectionCode = FundsReservedV1['rejected'][number]['code'];

export interface AccountOpened {
  type: 'AccountOpened';
  data: { accountId: string; name: string; contactEmail: string; currency: string; openedAt: string };
}

export interface FundsDeposited {
  type: 'FundsDeposited';
  data: { amountMinor: bigint; reference: string; depositedAt: string };
}

export interface ReservedItem {
  messageId: string;
  segments: number;
  unitPriceMinor: bigint;
  amountMinor: bigint;
}

export interface RejectedItem {
  messageId: string;
  code: ReservationRejectionCode;
  detail: string;
}

export interface FundsReserved {
  type: 'FundsReserved';
  data: { batchId: string; items: ReservedItem[]; rejected: RejectedItem[]; totalMinor: bigint; reservedAt: string };
}

export interface CapturedItem {
  messageId: string;
  /** Segments billed: the operator-acknowledged segments, never more than were reserved. */
  segments: number;
  amountMinor: bigint;
  /** The rest of this message's reservation, returned to available balance. */
  releasedMinor: bigint;
}

export interface FundsCaptured {
  type: 'FundsCaptured';
  data: { batchKey: string; items: CapturedItem[]; capturedMinor: bigint; releasedMinor: bigint; capturedAt: string };
}

/** SUBMIT_FAILED: the operator refused it; WITHDRAWN: dispatch will never submit it (cancelled, unroutable, account halted). */
export type ReleaseReason = 'SUBMIT_FAILED' | 'WITHDRAWN';

export interface ReleasedItem {
  messageId: string;
  amountMinor: bigint;
  reason: ReleaseReason;
  errorCode?: string;
}

export interface FundsReleased {
  type: 'FundsReleased';
  data: { batchKey: string; items: ReleasedItem[]; releasedMinor: bigint; releasedAt: string };
}

export type AccountEvent =
  | AccountOpened
  | FundsDeposited
  | FundsReserved
  | FundsCaptured
  | FundsReleased
  | AccountSuspended
  | SuspensionLifted
  | RetentionPeriodSet
  | AccountDataErased;
export type AccountEventType = AccountEvent['type'];

/** SECURITY: attack patterns from one of its keys (terms §7.3.4); BREACH: a breach of the terms (§7.3.2). */
export type SuspensionKind = 'SECURITY' | 'BREACH';

export interface AccountSuspended {
  type: 'AccountSuspended';
  data: { kind: SuspensionKind; reason: string; suspendedBy: string; suspendedAt: string; currency: string };
}

export interface SuspensionLifted {
  type: 'SuspensionLifted';
  data: { reason: string; liftedBy: string; liftedAt: string; currency: string };
}

/** The account's own retention period (terms §4), instead of the platform's; `days` absent: back to the platform's. */
export interface RetentionPeriodSet {
  type: 'RetentionPeriodSet';
  data: { days?: number; reason?: string; setBy: string; setAt: string };
}

/**
 * The account's personal data was destroyed (crypto-shredding, ADR 0017) — the event every process acts on:
 * - `account`: all of it (on request; later, at termination): the account stays suspended for good;
 * - `retention`: what was sealed or recorded before `before` (an epoch boundary), its retention period having passed.
 * The ledger and its amounts stay either way.
 */
export interface AccountDataErased {
  type: 'AccountDataErased';
  data: { scope: 'account' | 'retention'; before?: string; reason: string; erasedBy: string; erasedAt: string };
}
