import type { AccountEvent } from './account.events';

/** The entry types of CONTRACTS.md: every movement of money, and nothing else. */
export type LedgerEntryType = 'DEPOSIT' | 'RESERVE' | 'CAPTURE' | 'RELEASE' | 'ADJUSTMENT' | 'CREDIT' | 'REFUND';

/**
 * One line of an account's statement, replayed from its stream. `amountMinor` is signed by its effect on the
 * balance for DEPOSIT (+), CAPTURE (−), ADJUSTMENT (±), CREDIT (+) and REFUND (−); for RESERVE and RELEASE (which
 * move money between available and reserved, not the balance) it is the amount reserved or released.
 */
export interface LedgerEntry {
  revision: bigint;
  type: LedgerEntryType;
  amountMinor: bigint;
  balanceAfterMinor: bigint;
  reservedAfterMinor: bigint;
  reference?: string;
  /** Staff's reason (adjustments, credits, refunds). */
  reason?: string;
  /** RESERVE: its batch; CAPTURE and RELEASE: the batches of the reservations they settle (older events: absent). */
  batchIds?: string[];
  /** Settlements: the key of the submission results that settled these messages. */
  batchKey?: string;
  /** The messages the entry concerns (reserved, captured, released or credited). */
  messageIds?: string[];
  /** Messages rejected by a reservation. */
  rejected?: number;
  at: string;
}

export interface LedgerTotals {
  balanceMinor: bigint;
  reservedMinor: bigint;
}

const distinct = (ids: Array<string | undefined>): string[] | undefined => {
  const set = new Set<string>();
  for (const id of ids) if (id !== undefined) set.add(id);
  return set.size > 0 ? [...set] : undefined;
};

/**
 * Folds one event into running totals and returns its entry (none for status changes, terms, alerts, retention and
 * erasure, which move no money); only event amounts are used, so a page replays cheaply.
 */
export function ledgerEntry(event: AccountEvent, revision: bigint, totals: LedgerTotals): LedgerEntry | undefined {
  const entry = (type: LedgerEntryType, amountMinor: bigint, at: string, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
    revision,
    type,
    amountMinor,
    balanceAfterMinor: totals.balanceMinor,
    reservedAfterMinor: totals.reservedMinor,
    ...extra,
    at,
  });
  switch (event.type) {
    case 'FundsDeposited':
      totals.balanceMinor += event.data.amountMinor;
      return entry('DEPOSIT', event.data.amountMinor, event.data.depositedAt, { reference: event.data.reference });
    case 'FundsReserved': {
      const d = event.data;
      totals.reservedMinor += d.totalMinor;
      return entry('RESERVE', d.totalMinor, d.reservedAt, { batchIds: [d.batchId], messageIds: d.items.map((i) => i.messageId), rejected: d.rejected.length });
    }
    case 'FundsCaptured': {
      const d = event.data;
      totals.balanceMinor -= d.capturedMinor;
      totals.reservedMinor -= d.capturedMinor + d.releasedMinor;
      const batchIds = distinct(d.items.map((i) => i.batchId));
      return entry('CAPTURE', -d.capturedMinor, d.capturedAt, { batchKey: d.batchKey, ...(batchIds ? { batchIds } : {}), messageIds: d.items.map((i) => i.messageId) });
    }
    case 'FundsReleased': {
      const d = event.data;
      totals.reservedMinor -= d.releasedMinor;
      const batchIds = distinct(d.items.map((i) => i.batchId));
      return entry('RELEASE', d.releasedMinor, d.releasedAt, { batchKey: d.batchKey, ...(batchIds ? { batchIds } : {}), messageIds: d.items.map((i) => i.messageId) });
    }
    case 'FundsAdjusted':
      totals.balanceMinor += event.data.amountMinor;
      return entry('ADJUSTMENT', event.data.amountMinor, event.data.adjustedAt, { reference: event.data.reference, reason: event.data.reason });
    case 'ServiceCreditGranted':
      totals.balanceMinor += event.data.amountMinor;
      return entry('CREDIT', event.data.amountMinor, event.data.grantedAt, {
        reference: event.data.reference,
        reason: event.data.reason,
        messageIds: event.data.items.map((i) => i.messageId),
      });
    case 'BalanceRefunded':
      totals.balanceMinor -= event.data.amountMinor;
      return entry('REFUND', -event.data.amountMinor, event.data.refundedAt, { reason: event.data.reason });
    default:
      return undefined;
  }
}
