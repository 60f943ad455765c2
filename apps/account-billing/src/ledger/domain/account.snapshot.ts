import { PERSONAL_DATA_DESTROYED, type PersonalDataSealer, type StateSerializer } from '@sms/use-case-kit/core';
import type { AccountEvent } from './account.events';
import type { AccountState, DepositRecord, OpenReservation, ReferenceRecord } from './account.state';

/**
 * The Account state as a snapshot (ADR 0028) and back. Bump ACCOUNT_SNAPSHOT_VERSION whenever AccountState or the
 * form below changes: snapshots of another version are ignored and the stream replayed, never misread.
 *
 * The form is compact — a busy account holds thousands of open reservations and the last 50,000 batch ids — and keeps
 * the order of every Map and Set (the oldest remembered batch is the first to go). Money is a decimal string of minor
 * units, as in the events.
 *
 * The contact e-mail is the state's one piece of personal data (ADR 0016): it is sealed with the account's lifetime
 * key, as `AccountOpened` seals it, so a snapshot holds no more in clear than the event store does, and the erasure of
 * the account (ADR 0017), which destroys that key, leaves every snapshot of it reading `[destroyed]` — no snapshot has
 * to be found and deleted. A sealer that cannot seal (the key already destroyed by another process) fails the
 * snapshot, which is then simply not taken.
 */
export const ACCOUNT_SNAPSHOT_VERSION = 1;

/** What reading an event costs beside its messages (the row, its JSON, the decoding), in messages: measured ≈ 10 (ADR 0028). */
export const EVENT_WEIGHT = 10;

/**
 * What an account event counts toward the snapshot interval: what it costs to replay. A busy account's events carry
 * a hundred or a thousand messages each, a deposit none; counting events alone would let a cold load meet a tail of
 * ten thousand batches after its snapshot.
 */
export function accountEventWeight(event: AccountEvent): number {
  switch (event.type) {
    case 'FundsReserved':
      return EVENT_WEIGHT + event.data.items.length + event.data.rejected.length;
    case 'FundsCaptured':
    case 'FundsReleased':
    case 'ServiceCreditGranted':
      return EVENT_WEIGHT + event.data.items.length;
    default:
      return EVENT_WEIGHT;
  }
}

/** The contact e-mail in a snapshot: sealed, destroyed, or none yet (a stream not opened). */
type StoredEmail = { sealed: string } | { destroyed: true } | '';

type Json = Record<string, any>;

/** One entry per field of AccountState: adding a field without serialising it does not compile. */
type Fields = {
  [K in keyof AccountState]-?: {
    write(state: AccountState, sealer: PersonalDataSealer): unknown;
    read(value: any, data: Json, sealer: PersonalDataSealer): AccountState[K];
  };
};

const text = (value: unknown): string => {
  if (typeof value !== 'string') throw new TypeError(`Snapshot: expected a string, found ${typeof value}`);
  return value;
};
const optionalText = (value: unknown): string | undefined => (value === undefined ? undefined : text(value));
const minor = (value: unknown): bigint => {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) throw new TypeError(`Snapshot: not an amount of minor units: ${String(value)}`);
  return BigInt(value);
};
const flag = (value: unknown): boolean => {
  if (typeof value !== 'boolean') throw new TypeError(`Snapshot: expected a boolean, found ${typeof value}`);
  return value;
};
const count = (value: unknown): number => {
  if (!Number.isSafeInteger(value)) throw new TypeError(`Snapshot: expected an integer, found ${String(value)}`);
  return value as number;
};
const list = (value: unknown): any[] => {
  if (!Array.isArray(value)) throw new TypeError('Snapshot: expected a list');
  return value;
};

const plain = <K extends 'status' | 'accountId' | 'name' | 'currency' | 'openedAt'>(key: K) => ({
  write: (s: AccountState) => s[key],
  read: (value: unknown) => text(value) as AccountState[K],
});
const optional = <K extends 'statusReason' | 'statusChangedAt' | 'dataErasedBefore' | 'erasedAt'>(key: K) => ({
  write: (s: AccountState) => s[key],
  read: (value: unknown) => optionalText(value),
});
const money = <K extends 'balanceMinor' | 'refundedMinor' | 'reservedMinor'>(key: K) => ({
  write: (s: AccountState) => s[key].toString(),
  read: (value: unknown) => minor(value),
});
const references = <K extends 'adjustments' | 'credits'>(key: K) => ({
  write: (s: AccountState) => [...s[key]].map(([reference, r]) => [reference, r.amountMinor.toString(), r.at]),
  read: (value: unknown) => new Map<string, ReferenceRecord>(list(value).map(([reference, amount, at]) => [text(reference), { amountMinor: minor(amount), at: text(at) }])),
});

const FIELDS: Fields = {
  status: plain('status'),
  statusReason: optional('statusReason'),
  statusChangedAt: optional('statusChangedAt'),
  accountId: plain('accountId'),
  name: plain('name'),
  contactEmail: {
    write: (s, sealer): StoredEmail => {
      if (s.contactEmail === '') return '';
      if (s.contactEmail === PERSONAL_DATA_DESTROYED) return { destroyed: true };
      return { sealed: sealer.seal(s.accountId, s.contactEmail, { lifetime: true }) };
    },
    read: (value: StoredEmail, data, sealer) => {
      if (value === '') return '';
      if (typeof value === 'object' && value !== null && 'destroyed' in value) return PERSONAL_DATA_DESTROYED;
      if (typeof value !== 'object' || value === null || typeof value.sealed !== 'string') throw new TypeError('Snapshot: the contact e-mail is neither sealed nor destroyed');
      return sealer.open(text(data.accountId), value.sealed) ?? PERSONAL_DATA_DESTROYED;
    },
  },
  currency: plain('currency'),
  openedAt: plain('openedAt'),
  balanceMinor: money('balanceMinor'),
  inArrears: { write: (s) => s.inArrears, read: flag },
  terms: {
    write: (s) => s.terms && { version: s.terms.version, method: s.terms.method, acceptedAt: s.terms.acceptedAt },
    read: (value) => value && { version: text(value.version), method: text(value.method) as NonNullable<AccountState['terms']>['method'], acceptedAt: text(value.acceptedAt) },
  },
  adjustments: references('adjustments'),
  credits: references('credits'),
  creditedByMessage: {
    write: (s) => [...s.creditedByMessage].map(([messageId, amount]) => [messageId, amount.toString()]),
    read: (value) => new Map(list(value).map(([messageId, amount]) => [text(messageId), minor(amount)])),
  },
  lowBalanceThresholdMinor: {
    write: (s) => s.lowBalanceThresholdMinor?.toString(),
    read: (value) => (value === undefined ? undefined : minor(value)),
  },
  lowBalanceAlerted: { write: (s) => s.lowBalanceAlerted, read: flag },
  termination: {
    write: (s) =>
      s.termination && {
        basis: s.termination.basis,
        reason: s.termination.reason,
        requestedAt: s.termination.requestedAt,
        ...(s.termination.terminatedAt !== undefined ? { terminatedAt: s.termination.terminatedAt } : {}),
      },
    read: (value) =>
      value && {
        basis: text(value.basis) as NonNullable<AccountState['termination']>['basis'],
        reason: text(value.reason),
        requestedAt: text(value.requestedAt),
        ...(value.terminatedAt !== undefined ? { terminatedAt: text(value.terminatedAt) } : {}),
      },
  },
  refundedMinor: money('refundedMinor'),
  reservedMinor: money('reservedMinor'),
  // [messageId, batchId, segments, unit price, amount] and, with a price change ahead, [effectiveAt, its unit price].
  reservations: {
    write: (s) =>
      [...s.reservations].map(([messageId, r]) => {
        const row: unknown[] = [messageId, r.batchId, r.segments, r.unitPriceMinor.toString(), r.amountMinor.toString()];
        if (r.next) row.push(r.next.effectiveAt, r.next.unitPriceMinor.toString());
        return row;
      }),
    read: (value) =>
      new Map<string, OpenReservation>(
        list(value).map(([messageId, batchId, segments, unit, amount, effectiveAt, nextUnit]) => [
          text(messageId),
          {
            batchId: text(batchId),
            segments: count(segments),
            unitPriceMinor: minor(unit),
            amountMinor: minor(amount),
            ...(effectiveAt !== undefined ? { next: { effectiveAt: text(effectiveAt), unitPriceMinor: minor(nextUnit) } } : {}),
          },
        ]),
      ),
  },
  deposits: {
    write: (s) => [...s.deposits].map(([reference, d]) => [reference, d.amountMinor.toString(), d.depositedAt, d.balanceAfterMinor.toString()]),
    read: (value) =>
      new Map<string, DepositRecord>(
        list(value).map(([reference, amount, at, after]) => [text(reference), { amountMinor: minor(amount), depositedAt: text(at), balanceAfterMinor: minor(after) }]),
      ),
  },
  reservedBatches: {
    write: (s) => [...s.reservedBatches],
    read: (value) => new Set(list(value).map(text)),
  },
  retentionDays: {
    write: (s) => s.retentionDays,
    read: (value) => (value === undefined ? undefined : count(value)),
  },
  dataErasedBefore: optional('dataErasedBefore'),
  erasedAt: optional('erasedAt'),
};

const KEYS = Object.keys(FIELDS) as Array<keyof AccountState>;

/** The account streams' serialiser; `sealer` is the process's key ring (the one the account codec is protected by). */
export function accountSnapshotSerializer(sealer: PersonalDataSealer): StateSerializer<AccountState> {
  return {
    version: ACCOUNT_SNAPSHOT_VERSION,
    serialize(state) {
      const data: Json = {};
      for (const key of KEYS) {
        const value = FIELDS[key].write(state, sealer);
        if (value !== undefined) data[key] = value;
      }
      return data;
    },
    deserialize(raw) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new TypeError('Snapshot: not an account state');
      const data = raw as Json;
      const state: Json = {};
      for (const key of KEYS) {
        const value = FIELDS[key].read(data[key], data, sealer);
        if (value !== undefined) state[key] = value;
      }
      return state as AccountState;
    },
  };
}
