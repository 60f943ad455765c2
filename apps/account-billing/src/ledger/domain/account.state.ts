import type { AccountStatus } from '@sms/contracts';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import type { AccountEvent } from './account.events';

export interface OpenReservation {
  batchId: string;
  segments: number;
  unitPriceMinor: bigint;
  amountMinor: bigint;
}

export interface DepositRecord {
  amountMinor: bigint;
  depositedAt: string;
  /** Balance right after this deposit, so a repeated request can be answered with the original body. */
  balanceAfterMinor: bigint;
}

export interface AccountState {
  /** NONE until AccountOpened; later lifecycle issues add FROZEN/SUSPENDED/TERMINATING/TERMINATED transitions. */
  status: 'NONE' | AccountStatus;
  statusReason?: string;
  statusChangedAt?: string;
  accountId: string;
  name: string;
  contactEmail: string;
  currency: string;
  openedAt: string;
  /** Deposits − captures. */
  balanceMinor: bigint;
  /** Sum of open reservations. */
  reservedMinor: bigint;
  /** Open reservations by messageId; settled messages are removed. */
  reservations: Map<string, OpenReservation>;
  deposits: Map<string, DepositRecord>;
  /** Batches already reserved: a redelivered screening outcome reserves nothing twice. */
  reservedBatches: Set<string>;
  /** The account's own retention period in days; undefined: the platform's (RETENTION_DAYS). */
  retentionDays?: number;
  /** Data sealed or recorded before this (an epoch boundary) was destroyed by retention. */
  dataErasedBefore?: string;
  /** When all of the account's personal data was destroyed (erasure on request): final. */
  erasedAt?: string;
}

export const initialState = (): AccountState => ({
  status: 'NONE',
  accountId: '',
  name: '',
  contactEmail: '',
  currency: '',
  openedAt: '',
  balanceMinor: 0n,
  reservedMinor: 0n,
  reservations: new Map(),
  deposits: new Map(),
  reservedBatches: new Set(),
});

export const availableMinor = (state: AccountState): bigint => state.balanceMinor - state.reservedMinor;

/**
 * Applies one event. It mutates and returns the state it is given: accounts hold thousands of open reservations and
 * replay 100k+ events, so copying the maps per event would be quadratic. Callers own the state they pass in (the
 * kit's CommandHandler evolves its cached copy only after the append succeeded).
 */
export function evolve(state: AccountState, event: AccountEvent): AccountState {
  switch (event.type) {
    case 'AccountOpened': {
      const d = event.data;
      state.status = 'ACTIVE';
      state.accountId = d.accountId;
      state.name = d.name;
      state.contactEmail = d.contactEmail;
      state.currency = d.currency;
      state.openedAt = d.openedAt;
      return state;
    }
    case 'FundsDeposited': {
      const d = event.data;
      state.balanceMinor += d.amountMinor;
      state.deposits.set(d.reference, { amountMinor: d.amountMinor, depositedAt: d.depositedAt, balanceAfterMinor: state.balanceMinor });
      return state;
    }
    case 'FundsReserved': {
      const d = event.data;
      state.reservedBatches.add(d.batchId);
      for (const item of d.items) {
        state.reservations.set(item.messageId, { batchId: d.batchId, segments: item.segments, unitPriceMinor: item.unitPriceMinor, amountMinor: item.amountMinor });
      }
      state.reservedMinor += d.totalMinor;
      return state;
    }
    case 'FundsCaptured': {
      // Amounts come from the event itself so replay never depends on anything but the stream.
      for (const item of event.data.items) {
        state.reservations.delete(item.messageId);
        state.reservedMinor -= item.amountMinor + item.releasedMinor;
        state.balanceMinor -= item.amountMinor;
      }
      return state;
    }
    case 'FundsReleased': {
      for (const item of event.data.items) {
        state.reservations.delete(item.messageId);
        state.reservedMinor -= item.amountMinor;
      }
      return state;
    }
    case 'AccountSuspended':
      state.status = 'SUSPENDED';
      state.statusReason = `${event.data.kind}: ${event.data.reason}`;
      state.statusChangedAt = event.data.suspendedAt;
      return state;
    case 'SuspensionLifted':
      state.status = 'ACTIVE';
      state.statusReason = undefined;
      state.statusChangedAt = event.data.liftedAt;
      return state;
    case 'RetentionPeriodSet':
      state.retentionDays = event.data.days;
      return state;
    case 'AccountDataErased':
      if (event.data.scope === 'retention') {
        state.dataErasedBefore = event.data.before;
        return state;
      }
      // It stays suspended for good; the contact e-mail held in memory goes with the key that sealed it.
      state.status = 'SUSPENDED';
      state.statusReason = `ERASED: ${event.data.reason}`;
      state.statusChangedAt = event.data.erasedAt;
      state.erasedAt = event.data.erasedAt;
      state.contactEmail = PERSONAL_DATA_DESTROYED;
      return state;
  }
}
