import { formatMoney } from '@sms/contracts';
import { accept, type Decider, type Decision as KitDecision, reject, type Rejection as KitRejection } from '@sms/use-case-kit/core';
import type {
  AccountCommand,
  DepositFunds,
  EraseAccountData,
  EraseRetainedData,
  LiftSuspension,
  OpenAccount,
  ReserveFunds,
  SetRetentionPeriod,
  SettleFunds,
  SuspendAccount,
} from './account.commands';
import type { AccountEvent, CapturedItem, RejectedItem, ReleasedItem, ReservationRejectionCode, ReservedItem } from './account.events';
import { type AccountState, availableMinor, evolve, initialState } from './account.state';

/** Codes of the expected failures of account commands (mapped to a status at the edge). */
export type AccountRejectionCode = 'ACCOUNT_NOT_FOUND' | 'INVALID_AMOUNT' | 'IDEMPOTENCY_KEY_REUSED' | 'ACCOUNT_TERMINATED' | 'ACCOUNT_NOT_SUSPENDED' | 'ACCOUNT_ERASED';
export type Rejection = KitRejection<AccountRejectionCode>;
export type Decision = KitDecision<AccountEvent, AccountRejectionCode>;

export function decide(command: AccountCommand, state: AccountState): Decision {
  switch (command.type) {
    case 'OpenAccount':
      return openAccount(command, state);
    case 'DepositFunds':
      return depositFunds(command, state);
    case 'ReserveFunds':
      return reserveFunds(command, state);
    case 'SettleFunds':
      return settleFunds(command, state);
    case 'SuspendAccount':
      return suspendAccount(command, state);
    case 'LiftSuspension':
      return liftSuspension(command, state);
    case 'SetRetentionPeriod':
      return setRetentionPeriod(command, state);
    case 'EraseAccountData':
      return eraseAccountData(command, state);
    case 'EraseRetainedData':
      return eraseRetainedData(command, state);
  }
}

const ERASED_DETAIL = 'The account’s personal data was erased; it stays suspended.';

/** The account's own retention period; the same period again changes nothing. An erased account has nothing left to keep. */
function setRetentionPeriod(command: SetRetentionPeriod, state: AccountState): Decision {
  if (state.status === 'NONE') return reject('ACCOUNT_NOT_FOUND', 'No such account.');
  if (state.erasedAt) return reject('ACCOUNT_ERASED', ERASED_DETAIL);
  if (state.retentionDays === command.days) return accept();
  return accept<AccountEvent>({
    type: 'RetentionPeriodSet',
    data: { ...(command.days !== undefined ? { days: command.days } : {}), ...(command.reason ? { reason: command.reason } : {}), setBy: command.by, setAt: command.at.toISOString() },
  });
}

/**
 * Erasure on request (terms §4; ADR 0017). Only a suspended account is erased (later: a terminated one too): an
 * operator suspends it first, so nothing of it is mid-send when its keys go. Erasing it again changes nothing.
 */
function eraseAccountData(command: EraseAccountData, state: AccountState): Decision {
  if (state.status === 'NONE') return reject('ACCOUNT_NOT_FOUND', 'No such account.');
  if (state.erasedAt) return accept();
  if (state.status !== 'SUSPENDED') return reject('ACCOUNT_NOT_SUSPENDED', `The account is ${state.status.toLowerCase()}: suspend it before erasing its data, so nothing of it is being sent.`);
  return accept<AccountEvent>({ type: 'AccountDataErased', data: { scope: 'account', reason: command.reason, erasedBy: command.by, erasedAt: command.at.toISOString() } });
}

/**
 * Retention: the data from before `before` goes. A boundary at or before one already erased changes nothing, so the
 * job may ask again (after a restart, from several replicas) without announcing an epoch twice.
 */
function eraseRetainedData(command: EraseRetainedData, state: AccountState): Decision {
  if (state.status === 'NONE') return reject('ACCOUNT_NOT_FOUND', 'No such account.');
  const before = command.before.toISOString();
  if (state.erasedAt || (state.dataErasedBefore !== undefined && before <= state.dataErasedBefore)) return accept();
  return accept<AccountEvent>({ type: 'AccountDataErased', data: { scope: 'retention', before, reason: command.reason, erasedBy: command.by, erasedAt: command.at.toISOString() } });
}

/** Stops the account's sending until an operator lifts it; suspending a suspended account changes nothing. */
function suspendAccount(command: SuspendAccount, state: AccountState): Decision {
  if (state.status === 'NONE') return reject('ACCOUNT_NOT_FOUND', 'No such account.');
  if (state.status === 'TERMINATING' || state.status === 'TERMINATED') return reject('ACCOUNT_TERMINATED', 'The account is terminated.');
  if (state.status === 'SUSPENDED') return accept();
  return accept<AccountEvent>({ type: 'AccountSuspended', data: { kind: command.kind, reason: command.reason, suspendedBy: command.by, suspendedAt: command.at.toISOString(), currency: state.currency } });
}

function liftSuspension(command: LiftSuspension, state: AccountState): Decision {
  if (state.status === 'NONE') return reject('ACCOUNT_NOT_FOUND', 'No such account.');
  // Its keys are gone: it could never seal a message again.
  if (state.erasedAt) return reject('ACCOUNT_ERASED', ERASED_DETAIL);
  if (state.status !== 'SUSPENDED') return reject('ACCOUNT_NOT_SUSPENDED', `The account is ${state.status.toLowerCase()}, not suspended.`);
  return accept<AccountEvent>({ type: 'SuspensionLifted', data: { reason: command.reason, liftedBy: command.by, liftedAt: command.at.toISOString(), currency: state.currency } });
}

function openAccount(command: OpenAccount, state: AccountState): Decision {
  // Account ids are generated by this service, so an existing stream can only mean a retried open.
  if (state.status !== 'NONE') return accept();
  const { accountId, name, contactEmail, currency } = command;
  return accept<AccountEvent>({ type: 'AccountOpened', data: { accountId, name, contactEmail, currency, openedAt: command.at.toISOString() } });
}

function depositFunds(command: DepositFunds, state: AccountState): Decision {
  if (state.status === 'NONE') return reject('ACCOUNT_NOT_FOUND', 'No such account.');
  if (state.status === 'TERMINATING' || state.status === 'TERMINATED') return reject('ACCOUNT_TERMINATED', 'The account is terminated; it takes no deposits.');
  if (command.amountMinor <= 0n) return reject('INVALID_AMOUNT', 'A deposit must be greater than zero.');
  const earlier = state.deposits.get(command.reference);
  if (earlier) {
    if (earlier.amountMinor === command.amountMinor) return accept();
    return reject('IDEMPOTENCY_KEY_REUSED', `Reference ${command.reference} was already used for a deposit of ${formatMoney(earlier.amountMinor)}.`);
  }
  return accept<AccountEvent>({ type: 'FundsDeposited', data: { amountMinor: command.amountMinor, reference: command.reference, depositedAt: command.at.toISOString() } });
}

const STATUS_REJECTION: Record<string, { code: ReservationRejectionCode; detail: string }> = {
  FROZEN: { code: 'ACCOUNT_FROZEN', detail: 'The account is frozen for arrears.' },
  SUSPENDED: { code: 'ACCOUNT_SUSPENDED', detail: 'The account is suspended.' },
  TERMINATING: { code: 'ACCOUNT_TERMINATED', detail: 'The account is being terminated.' },
  TERMINATED: { code: 'ACCOUNT_TERMINATED', detail: 'The account is terminated.' },
};

/**
 * Reserves segments × unit price per cleared message, in order, while available balance covers them; once one
 * message does not fit, it and every later one are rejected (first come, first served — a later cheaper message
 * does not overtake). Every message of the command appears once in the event, reserved or rejected.
 */
function reserveFunds(command: ReserveFunds, state: AccountState): Decision {
  if (state.status === 'NONE') return reject('ACCOUNT_NOT_FOUND', 'No such account.');
  if (state.reservedBatches.has(command.batchId)) return accept();

  const seen = new Set<string>();
  const items: ReservedItem[] = [];
  const rejected: RejectedItem[] = [];
  const blocked = STATUS_REJECTION[state.status];
  const priced = command.currency === state.currency;
  let available = availableMinor(state);
  let exhausted = false;
  let total = 0n;

  for (const message of command.items) {
    // A message listed twice, or already holding a reservation from another batch, is not charged again.
    if (seen.has(message.messageId) || state.reservations.has(message.messageId)) continue;
    seen.add(message.messageId);
    if (blocked) {
      rejected.push({ messageId: message.messageId, code: blocked.code, detail: blocked.detail });
      continue;
    }
    if (message.unitPriceMinor === null || !priced) {
      const detail = priced ? 'No price in the catalogue for this destination and kind.' : `The catalogue has no prices in ${state.currency}.`;
      rejected.push({ messageId: message.messageId, code: 'PRICE_NOT_FOUND', detail });
      continue;
    }
    const amount = BigInt(message.segments) * message.unitPriceMinor;
    if (exhausted || amount > available) {
      exhausted = true;
      rejected.push({ messageId: message.messageId, code: 'INSUFFICIENT_BALANCE', detail: 'Available balance does not cover this message.' });
      continue;
    }
    available -= amount;
    total += amount;
    items.push({ messageId: message.messageId, segments: message.segments, unitPriceMinor: message.unitPriceMinor, amountMinor: amount });
  }

  if (items.length === 0 && rejected.length === 0) return accept();
  return accept<AccountEvent>({ type: 'FundsReserved', data: { batchId: command.batchId, items, rejected, totalMinor: total, reservedAt: command.at.toISOString() } });
}

/**
 * Settles reservations on the operator's submit acknowledgement: acknowledged segments × the reserved unit price
 * are captured (never more than was reserved), the rest released; a failed submission releases everything.
 * Results for messages without an open reservation (unknown, or already settled by an earlier delivery) are
 * ignored, which makes redelivery and reordering harmless.
 */
function settleFunds(command: SettleFunds, state: AccountState): Decision {
  if (state.status === 'NONE') return reject('ACCOUNT_NOT_FOUND', 'No such account.');
  const captured: CapturedItem[] = [];
  const released: ReleasedItem[] = [];
  const settled = new Set<string>();
  let capturedTotal = 0n;
  let releasedByCapture = 0n;
  let releasedTotal = 0n;

  for (const result of command.results) {
    const reservation = state.reservations.get(result.messageId);
    if (!reservation || settled.has(result.messageId)) continue;
    settled.add(result.messageId);
    const segments = result.status === 'SUBMITTED' ? Math.min(Math.max(0, Math.trunc(result.segmentsSubmitted)), reservation.segments) : 0;
    if (segments === 0) {
      released.push({ messageId: result.messageId, amountMinor: reservation.amountMinor, reason: command.releaseReason ?? 'SUBMIT_FAILED', ...(result.errorCode ? { errorCode: result.errorCode } : {}) });
      releasedTotal += reservation.amountMinor;
      continue;
    }
    let amount = BigInt(segments) * reservation.unitPriceMinor;
    if (amount > reservation.amountMinor) amount = reservation.amountMinor;
    const rest = reservation.amountMinor - amount;
    captured.push({ messageId: result.messageId, segments, amountMinor: amount, releasedMinor: rest });
    capturedTotal += amount;
    releasedByCapture += rest;
  }

  const at = command.at.toISOString();
  const events: AccountEvent[] = [];
  if (captured.length > 0) {
    events.push({ type: 'FundsCaptured', data: { batchKey: command.batchKey, items: captured, capturedMinor: capturedTotal, releasedMinor: releasedByCapture, capturedAt: at } });
  }
  if (released.length > 0) {
    events.push({ type: 'FundsReleased', data: { batchKey: command.batchKey, items: released, releasedMinor: releasedTotal, releasedAt: at } });
  }
  return accept(...events);
}

/** The Account aggregate as the kit's decider: what `CommandHandler` and `DeciderSpecification` run. */
export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState, AccountRejectionCode> = { decide, evolve, initialState };
