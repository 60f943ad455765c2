import type { AccountStatus, FundsReservedV1 } from '@sms/contracts';

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
  TermsAccepted: 'account-billing.TermsAccepted.v1',
  FundsAdjusted: 'account-billing.FundsAdjusted.v1',
  ServiceCreditGranted: 'account-billing.ServiceCreditGranted.v1',
  AccountFrozen: 'account-billing.AccountFrozen.v1',
  AccountUnfrozen: 'account-billing.AccountUnfrozen.v1',
  LowBalanceThresholdSet: 'account-billing.LowBalanceThresholdSet.v1',
  LowBalanceCrossed: 'account-billing.LowBalanceCrossed.v1',
  TerminationRequested: 'account-billing.TerminationRequested.v1',
  BalanceRefunded: 'account-billing.BalanceRefunded.v1',
  AccountTerminated: 'account-billing.AccountTerminated.v1',
} as const;

export type ReservationRejectionCode = FundsReservedV1['rejected'][number]['code'];

export interface AccountOpened {
  type: 'AccountOpened';
  data: { accountId: string; name: string; contactEmail: string; currency: string; openedAt: string };
}

export interface FundsDeposited {
  type: 'FundsDeposited';
  data: { amountMinor: bigint; reference: string; depositedAt: string } & BalanceAfter;
}

/** A catalogue version announced to take effect after the reservation (§2.3): a message submitted from then on pays its price. */
export interface PriceChangeAhead {
  effectiveAt: string;
  unitPriceMinor: bigint;
}

export interface ReservedItem {
  messageId: string;
  segments: number;
  /** The unit price in force at reservation. */
  unitPriceMinor: bigint;
  /** segments × the higher of `unitPriceMinor` and `next.unitPriceMinor`: what the message can cost whenever it is submitted. */
  amountMinor: bigint;
  /** Set when a price change takes effect within the reservation horizon. */
  next?: PriceChangeAhead;
}

export interface RejectedItem {
  messageId: string;
  code: ReservationRejectionCode;
  detail: string;
}

export interface FundsReserved {
  type: 'FundsReserved';
  /** `key`: the reservation's once-only key when it is not the batch id (a reviewer's release, ADR 0036). */
  data: { batchId: string; key?: string; items: ReservedItem[]; rejected: RejectedItem[]; totalMinor: bigint; reservedAt: string } & BalanceAfter;
}

export interface CapturedItem {
  messageId: string;
  /** The batch whose reservation this settles (absent on events written before it was recorded). */
  batchId?: string;
  /** Segments billed: the operator-acknowledged segments, never more than were reserved. */
  segments: number;
  amountMinor: bigint;
  /** The rest of this message's reservation, returned to available balance. */
  releasedMinor: bigint;
}

/**
 * Money events written since running totals were recorded carry the account's balance and reserved funds right
 * after them (`BalanceAfter`): what the outbox tells dispatch and what low-balance alerts compare. Replay never uses
 * them — evolve sums the amounts — so older events without them replay the same.
 */
export interface BalanceAfter {
  balanceAfterMinor?: bigint;
  reservedAfterMinor?: bigint;
}

export interface FundsCaptured {
  type: 'FundsCaptured';
  data: { batchKey: string; items: CapturedItem[]; capturedMinor: bigint; releasedMinor: bigint; capturedAt: string } & BalanceAfter;
}

/** SUBMIT_FAILED: the operator refused it; WITHDRAWN: dispatch will never submit it (cancelled, unroutable, account halted). */
export type ReleaseReason = 'SUBMIT_FAILED' | 'WITHDRAWN';

export interface ReleasedItem {
  messageId: string;
  /** The batch whose reservation this returns (absent on events written before it was recorded). */
  batchId?: string;
  amountMinor: bigint;
  reason: ReleaseReason;
  errorCode?: string;
}

export interface FundsReleased {
  type: 'FundsReleased';
  data: { batchKey: string; items: ReleasedItem[]; releasedMinor: bigint; releasedAt: string } & BalanceAfter;
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
  | AccountDataErased
  | TermsAccepted
  | FundsAdjusted
  | ServiceCreditGranted
  | AccountFrozen
  | AccountUnfrozen
  | LowBalanceThresholdSet
  | LowBalanceCrossed
  | TerminationRequested
  | BalanceRefunded
  | AccountTerminated;
export type AccountEventType = AccountEvent['type'];

/** SECURITY: attack patterns from one of its keys (terms §7.3.4); BREACH: a breach of the terms (§7.3.2). */
export type SuspensionKind = 'SECURITY' | 'BREACH';

export interface AccountSuspended {
  type: 'AccountSuspended';
  data: { kind: SuspensionKind; reason: string; suspendedBy: string; suspendedAt: string; currency: string };
}

export interface SuspensionLifted {
  type: 'SuspensionLifted';
  /** `status`: what the account is once lifted — FROZEN when it fell into arrears meanwhile (absent on older events: ACTIVE). */
  data: { reason: string; liftedBy: string; liftedAt: string; currency: string; status?: 'ACTIVE' | 'FROZEN' };
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

/** How the customer accepted the terms (preamble): clicked them, sealed a paper contract, or by first actual use. */
export type TermsAcceptanceMethod = 'click' | 'seal' | 'first-use';

export interface TermsAccepted {
  type: 'TermsAccepted';
  data: { version: string; method: TermsAcceptanceMethod; acceptedBy: string; acceptedAt: string };
}

/**
 * A signed statement correction by staff (§2.4): positive credits the balance, negative debits it and may put the
 * account into arrears. Idempotent by `reference`.
 */
export interface FundsAdjusted {
  type: 'FundsAdjusted';
  data: { amountMinor: bigint; reason: string; reference: string; adjustedBy: string; adjustedAt: string } & BalanceAfter;
}

export interface CreditedItem {
  messageId: string;
  /** The part of the credit set against this message; never more than it was charged less earlier credits. */
  amountMinor: bigint;
}

/** Compensation for a failure of the service, capped by what the affected messages were charged (§8.5). Idempotent by `reference`. */
export interface ServiceCreditGranted {
  type: 'ServiceCreditGranted';
  data: { amountMinor: bigint; items: CreditedItem[]; reason: string; reference: string; grantedBy: string; grantedAt: string } & BalanceAfter;
}

/** Arrears (§7.2, §7.3.3): the balance went below zero; the account sends nothing until a top-up brings it back to ≥ 0. */
export interface AccountFrozen {
  type: 'AccountFrozen';
  /** `status`: the account's status after it — FROZEN, or the suspension or termination that outranks arrears. */
  data: { reason: 'ARREARS'; balanceMinor: bigint; frozenAt: string; currency: string; status: AccountStatus };
}

export interface AccountUnfrozen {
  type: 'AccountUnfrozen';
  /** `status`: ACTIVE, or the suspension or termination that still stops it. */
  data: { reason: string; unfrozenAt: string; currency: string; status: AccountStatus };
}

/** The available balance under which the customer is warned; absent: no alert. */
export interface LowBalanceThresholdSet {
  type: 'LowBalanceThresholdSet';
  data: { thresholdMinor?: bigint; setBy: string; setAt: string };
}

/** Available balance fell below the threshold; once per crossing: it re-arms when money in brings it back to the threshold or above. */
export interface LowBalanceCrossed {
  type: 'LowBalanceCrossed';
  data: { thresholdMinor: bigint; availableMinor: bigint; crossedAt: string; currency: string };
}

/** By agreement (§7.3.1) or by notice (§7.3.5): sending stops, in-flight reservations settle, then the balance is refunded. */
export type TerminationBasis = 'agreement' | 'notice';

export interface TerminationRequested {
  type: 'TerminationRequested';
  data: { basis: TerminationBasis; reason: string; requestedBy: string; requestedAt: string; currency: string };
}

/** The unconsumed balance returned to the customer at termination: the balance becomes zero. */
export interface BalanceRefunded {
  type: 'BalanceRefunded';
  data: { amountMinor: bigint; reason: string; refundedAt: string } & BalanceAfter;
}

export interface AccountTerminated {
  type: 'AccountTerminated';
  data: { basis: TerminationBasis; reason: string; terminatedAt: string; currency: string };
}
