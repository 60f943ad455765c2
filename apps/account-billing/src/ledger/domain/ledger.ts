import type { AccountEvent } from './account.events';

export type LedgerEntryType = 'ACCOUNT_OPENED' | 'DEPOSIT' | 'RESERVATION' | 'CAPTURE' | 'RELEASE';

/**
 * One line of an account's statement, replayed from its stream. `amountMinor` is signed by its effect on the
 * balance for DEPOSIT (+) and CAPTURE (−); for RESERVATION and RELEASE (which move money between available and
 * reserved, not the balance) it is the amount reserved or released.
 */
export interface LedgerEntry {
  revision: bigint;
  type: LedgerEntryType;
  amountMinor: bigint;
  balanceAfterMinor: bigint;
  reservedAfterMinor: bigint;
  reference?: string;
  batchId?: string;
  /** Settlements: the key of the submission results that settled these messages. */
  batchKey?: string;
  /** Messages the entry covers (reserved, captured or released). */
  messages?: number;
  /** Messages rejected by a reservation. */
  rejected?: number;
  at: string;
}

export interface LedgerTotals {
  balanceMinor: bigint;
  reservedMinor: bigint;
}

/**
 * Folds one event into running totals and returns its entry (none for status changes, retention and erasure, which move no money); only
 * event amounts are used, so a page replays cheaply.
 */
export function ledgerEntry(event: AccountEvent, revision: bigint, totals: LedgerTotals): LedgerEntry | undefined {
  switch (event.type) {
    case 'AccountSuspended':
    case 'SuspensionLifted':
    case 'RetentionPeriodSet':
    case 'AccountDataErased':
      return undefined;
    case 'AccountOpened':
      return { revision, type: 'ACCOUNT_OPENED', amountMinor: 0n, balanceAfterMinor: totals.balanceMinor, reservedAfterMinor: totals.reservedMinor, at: event.data.openedAt };
    case 'FundsDeposited':
      totals.balanceMinor += event.data.amountMinor;
      return {
        revision,
        type: 'DEPOSIT',
        amountMinor: event.data.amountMinor,
        balanceAfterMinor: totals.balanceMinor,
        reservedAfterMinor: totals.reservedMinor,
        reference: event.data.reference,
        at: event.data.depositedAt,
      };
    case 'FundsReserved':
      totals.reservedMinor += event.data.totalMinor;
      return {
        revision,
        type: 'RESERVATION',
        amountMinor: event.data.totalMinor,
        balanceAfterMinor: totals.balanceMinor,
        reservedAfterMinor: totals.reservedMinor,
        batchId: event.data.batchId,
        messages: event.data.items.length,
        rejected: event.data.rejected.length,
        at: event.data.reservedAt,
      };
    case 'FundsCaptured':
      totals.balanceMinor -= event.data.capturedMinor;
      totals.reservedMinor -= event.data.capturedMinor + event.data.releasedMinor;
      return {
        revision,
        type: 'CAPTURE',
        amountMinor: -event.data.capturedMinor,
        balanceAfterMinor: totals.balanceMinor,
        reservedAfterMinor: totals.reservedMinor,
        batchKey: event.data.batchKey,
        messages: event.data.items.length,
        at: event.data.capturedAt,
      };
    case 'FundsReleased':
      totals.reservedMinor -= event.data.releasedMinor;
      return {
        revision,
        type: 'RELEASE',
        amountMinor: event.data.releasedMinor,
        balanceAfterMinor: totals.balanceMinor,
        reservedAfterMinor: totals.reservedMinor,
        batchKey: event.data.batchKey,
        messages: event.data.items.length,
        at: event.data.releasedAt,
      };
  }
}
