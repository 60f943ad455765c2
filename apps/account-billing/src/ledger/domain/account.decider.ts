import { formatMoney } from '@sms/contracts';
import { accept, type Decider, type Decision as KitDecision, reject, type Rejection as KitRejection } from '@sms/use-case-kit/core';
import type {
  AcceptTerms,
  AccountCommand,
  AdjustFunds,
  DepositFunds,
  GrantServiceCredit,
  RequestTermination,
  SetLowBalanceThreshold,
  EraseAccountData,
  EraseRetainedData,
  LiftSuspension,
  OpenAccount,
  ReserveFunds,
  SetRetentionPeriod,
  SettleFunds,
  SuspendAccount,
} from './account.commands';
import type { AccountEvent, CapturedItem, CreditedItem, RejectedItem, ReleasedItem, ReservationRejectionCode, ReservedItem } from './account.events';
import { type AccountState, availableMinor, evolve, initialState } from './account.state';

/** Codes of the expected failures of account commands (mapped to a status at the edge). */
export type AccountRejectionCode =
  | 'ACCOUNT_NOT_FOUND'
  | 'INVALID_AMOUNT'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'ACCOUNT_TERMINATED'
  | 'ACCOUNT_NOT_SUSPENDED'
  | 'ACCOUNT_ERASED'
  | 'CREDIT_EXCEEDS_CHARGES';
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
    case 'AcceptTerms':
      return acceptTerms(command, state);
    case 'AdjustFunds':
      return adjustFunds(command, state);
    case 'GrantServiceCredit':
      return grantServiceCredit(command, state);
    case 'SetLowBalanceThreshold':
      return setLowBalanceThreshold(command, state);
    case 'RequestTermination':
      return requestTermination(command, state);
  }
}

const isTerminal = (state: AccountState): boolean => state.status === 'TERMINATING' || state.status === 'TERMINATED';

/** The money of the account once the decided movement is applied; what the follow-up rules below look at. */
interface MoneyAfter {
  balanceMinor: bigint;
  reservedMinor: bigint;
  /** Open reservations left. */
  reservations: number;
  /** Money came in (deposit, credit, positive adjustment): a frozen account may thaw. */
  moneyIn: boolean;
}

/**
 * What follows a movement of money, in the same append (so replay sees cause and consequence together):
 * - arrears (§7.3.3): the balance below zero freezes the account; money in bringing it back to ≥ 0 thaws it;
 * - the low-balance alert (§7.2), once per crossing;
 * - a terminating account whose last reservation settled is refunded its balance and terminated (§7.3.1, §7.3.5).
 */
function consequences(state: AccountState, after: MoneyAfter, at: string): AccountEvent[] {
  const events: AccountEvent[] = [];
  const currency = state.currency;
  if (!state.inArrears && after.balanceMinor < 0n) {
    const status = state.status === 'ACTIVE' ? 'FROZEN' : (state.status as Exclude<typeof state.status, 'NONE'>);
    events.push({ type: 'AccountFrozen', data: { reason: 'ARREARS', balanceMinor: after.balanceMinor, frozenAt: at, currency, status } });
  } else if (state.inArrears && after.moneyIn && after.balanceMinor >= 0n) {
    const status = state.status === 'FROZEN' ? 'ACTIVE' : (state.status as Exclude<typeof state.status, 'NONE'>);
    events.push({ type: 'AccountUnfrozen', data: { reason: 'The balance is back to zero or above', unfrozenAt: at, currency, status } });
  }
  const threshold = state.lowBalanceThresholdMinor;
  const available = after.balanceMinor - after.reservedMinor;
  // Once per crossing: evolve re-arms it when money in brings available back to the threshold.
  if (threshold !== undefined && !state.lowBalanceAlerted && available < threshold && !isTerminal(state)) {
    events.push({ type: 'LowBalanceCrossed', data: { thresholdMinor: threshold, availableMinor: available, crossedAt: at, currency } });
  }
  if (state.status === 'TERMINATING' && after.reservations === 0) events.push(...termination(state, after.balanceMinor, after.reservedMinor, at));
  return events;
}

/** The end of a termination: the unconsumed balance refunded (a REFUND entry; nothing when in arrears), then TERMINATED. */
function termination(state: AccountState, balanceMinor: bigint, reservedMinor: bigint, at: string): AccountEvent[] {
  const events: AccountEvent[] = [];
  const basis = state.termination?.basis ?? 'agreement';
  const reason = state.termination?.reason ?? '';
  if (balanceMinor > 0n) {
    events.push({ type: 'BalanceRefunded', data: { amountMinor: balanceMinor, reason: `Termination (${basis}): unconsumed balance refunded`, refundedAt: at, balanceAfterMinor: 0n, reservedAfterMinor: reservedMinor } });
  }
  events.push({ type: 'AccountTerminated', data: { basis, reason, terminatedAt: at, currency: state.currency } });
  return events;
}

/** Terms acceptance (preamble): recorded once per version; accepting the same version again changes nothing. */
function acceptTerms(command: AcceptTerms, state: AccountState): Decision {
  if (state.status === 'NONE') return reject('ACCOUNT_NOT_FOUND', 'No such account.');
  if (isTerminal(state)) return reject('ACCOUNT_TERMINATED', 'The account is terminated.');
  if (state.terms?.version === command.version) return accept();
  return accept<AccountEvent>({ type: 'TermsAccepted', data: { version: command.version, method: command.method, acceptedBy: command.by, acceptedAt: command.at.toISOString() } });
}

/** A reference used once: the same amount again is the same request (answered, not repeated); another amount is a conflict. */
function reusedReference(earlier: { amountMinor: bigint } | undefined, amountMinor: bigint, reference: string, what: string): Decision | undefined {
  if (!earlier) return undefined;
  if (earlier.amountMinor === amountMinor) return accept();
  return reject('IDEMPOTENCY_KEY_REUSED', `Reference ${reference} was already used for ${what} of ${formatMoney(earlier.amountMinor)}.`);
}

/** A signed statement correction (§2.4); a debit may put the account into arrears, which freezes it. */
function adjustFunds(command: AdjustFunds, state: AccountState): Decision {
  if (state.status === 'NONE') return reject('ACCOUNT_NOT_FOUND', 'No such account.');
  if (command.amountMinor === 0n) return reject('INVALID_AMOUNT', 'An adjustment must not be zero.');
  const repeated = reusedReference(state.adjustments.get(command.reference), command.amountMinor, command.reference, 'an adjustment');
  if (repeated) return repeated;
  if (state.status === 'TERMINATED') return reject('ACCOUNT_TERMINATED', 'The account is terminated.');
  const balanceAfterMinor = state.balanceMinor + command.amountMinor;
  const at = command.at.toISOString();
  return accept<AccountEvent>(
    {
      type: 'FundsAdjusted',
      data: { amountMinor: command.amountMinor, reason: command.reason, reference: command.reference, adjustedBy: command.by, adjustedAt: at, balanceAfterMinor, reservedAfterMinor: state.reservedMinor },
    },
    ...consequences(state, { balanceMinor: balanceAfterMinor, reservedMinor: state.reservedMinor, reservations: state.reservations.size, moneyIn: command.amountMinor > 0n }, at),
  );
}

/**
 * A service credit (§8.5): never more than the affected messages were charged, less what was already credited
 * against them. The credit is set against the messages in the order given, each up to what it has left.
 */
function grantServiceCredit(command: GrantServiceCredit, state: AccountState): Decision {
  if (state.status === 'NONE') return reject('ACCOUNT_NOT_FOUND', 'No such account.');
  if (command.amountMinor <= 0n) return reject('INVALID_AMOUNT', 'A service credit must be greater than zero.');
  const repeated = reusedReference(state.credits.get(command.reference), command.amountMinor, command.reference, 'a service credit');
  if (repeated) return repeated;
  if (state.status === 'TERMINATED') return reject('ACCOUNT_TERMINATED', 'The account is terminated.');
  const charged = new Map(command.charges.map((c) => [c.messageId, c.chargedMinor]));
  const open: CreditedItem[] = [];
  let cap = 0n;
  for (const messageId of new Set(command.messageIds)) {
    const left = (charged.get(messageId) ?? 0n) - (state.creditedByMessage.get(messageId) ?? 0n);
    if (left <= 0n) continue;
    open.push({ messageId, amountMinor: left });
    cap += left;
  }
  if (command.amountMinor > cap) {
    return reject('CREDIT_EXCEEDS_CHARGES', `A credit for these messages may not exceed what they were charged less earlier credits: ${formatMoney(cap)} (terms §8.5).`);
  }
  const items: CreditedItem[] = [];
  let rest = command.amountMinor;
  for (const item of open) {
    if (rest === 0n) break;
    const part = item.amountMinor < rest ? item.amountMinor : rest;
    items.push({ messageId: item.messageId, amountMinor: part });
    rest -= part;
  }
  const balanceAfterMinor = state.balanceMinor + command.amountMinor;
  const at = command.at.toISOString();
  return accept<AccountEvent>(
    {
      type: 'ServiceCreditGranted',
      data: { amountMinor: command.amountMinor, items, reason: command.reason, reference: command.reference, grantedBy: command.by, grantedAt: at, balanceAfterMinor, reservedAfterMinor: state.reservedMinor },
    },
    ...consequences(state, { balanceMinor: balanceAfterMinor, reservedMinor: state.reservedMinor, reservations: state.reservations.size, moneyIn: true }, at),
  );
}

/** The low-balance alert threshold (§7.2); setting it under a balance already below warns at once. */
function setLowBalanceThreshold(command: SetLowBalanceThreshold, state: AccountState): Decision {
  if (state.status === 'NONE') return reject('ACCOUNT_NOT_FOUND', 'No such account.');
  if (isTerminal(state)) return reject('ACCOUNT_TERMINATED', 'The account is terminated.');
  if (command.thresholdMinor !== undefined && command.thresholdMinor < 0n) return reject('INVALID_AMOUNT', 'A low-balance threshold must not be negative.');
  if (state.lowBalanceThresholdMinor === command.thresholdMinor) return accept();
  const at = command.at.toISOString();
  const events: AccountEvent[] = [{ type: 'LowBalanceThresholdSet', data: { ...(command.thresholdMinor !== undefined ? { thresholdMinor: command.thresholdMinor } : {}), setBy: command.by, setAt: at } }];
  const available = availableMinor(state);
  if (command.thresholdMinor !== undefined && available < command.thresholdMinor) {
    events.push({ type: 'LowBalanceCrossed', data: { thresholdMinor: command.thresholdMinor, availableMinor: available, crossedAt: at, currency: state.currency } });
  }
  return accept(...events);
}

/**
 * Termination by agreement (§7.3.1) or by notice (§7.3.5): sending stops at once (TERMINATING); once every open
 * reservation has settled the balance is refunded and the account TERMINATED — at once when nothing is in flight.
 * Asking again changes nothing.
 */
function requestTermination(command: RequestTermination, state: AccountState): Decision {
  if (state.status === 'NONE') return reject('ACCOUNT_NOT_FOUND', 'No such account.');
  if (isTerminal(state)) return accept();
  const at = command.at.toISOString();
  const requested: AccountEvent = { type: 'TerminationRequested', data: { basis: command.basis, reason: command.reason, requestedBy: command.by, requestedAt: at, currency: state.currency } };
  if (state.reservations.size > 0) return accept(requested);
  const terminating: AccountState = { ...state, status: 'TERMINATING', termination: { basis: command.basis, reason: command.reason, requestedAt: at } };
  return accept(requested, ...termination(terminating, state.balanceMinor, state.reservedMinor, at));
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
  if (isTerminal(state)) return reject('ACCOUNT_TERMINATED', 'The account is terminated.');
  if (state.status === 'SUSPENDED') return accept();
  return accept<AccountEvent>({ type: 'AccountSuspended', data: { kind: command.kind, reason: command.reason, suspendedBy: command.by, suspendedAt: command.at.toISOString(), currency: state.currency } });
}

function liftSuspension(command: LiftSuspension, state: AccountState): Decision {
  if (state.status === 'NONE') return reject('ACCOUNT_NOT_FOUND', 'No such account.');
  // Its keys are gone: it could never seal a message again.
  if (state.erasedAt) return reject('ACCOUNT_ERASED', ERASED_DETAIL);
  if (state.status !== 'SUSPENDED') return reject('ACCOUNT_NOT_SUSPENDED', `The account is ${state.status.toLowerCase()}, not suspended.`);
  const status = state.inArrears ? 'FROZEN' : 'ACTIVE';
  return accept<AccountEvent>({ type: 'SuspensionLifted', data: { reason: command.reason, liftedBy: command.by, liftedAt: command.at.toISOString(), currency: state.currency, status } });
}

function openAccount(command: OpenAccount, state: AccountState): Decision {
  // Account ids are generated by this service, so an existing stream can only mean a retried open.
  if (state.status !== 'NONE') return accept();
  const { accountId, name, contactEmail, currency } = command;
  const at = command.at.toISOString();
  const opened: AccountEvent = { type: 'AccountOpened', data: { accountId, name, contactEmail, currency, openedAt: at } };
  if (!command.terms) return accept(opened);
  return accept<AccountEvent>(opened, { type: 'TermsAccepted', data: { version: command.terms.version, method: command.terms.method, acceptedBy: command.terms.by, acceptedAt: at } });
}

function depositFunds(command: DepositFunds, state: AccountState): Decision {
  if (state.status === 'NONE') return reject('ACCOUNT_NOT_FOUND', 'No such account.');
  if (command.amountMinor <= 0n) return reject('INVALID_AMOUNT', 'A deposit must be greater than zero.');
  // A retry of a deposit made before termination is answered as it was.
  const repeated = reusedReference(state.deposits.get(command.reference), command.amountMinor, command.reference, 'a deposit');
  if (repeated) return repeated;
  if (isTerminal(state)) return reject('ACCOUNT_TERMINATED', 'The account is terminated; it takes no deposits.');
  const balanceAfterMinor = state.balanceMinor + command.amountMinor;
  const at = command.at.toISOString();
  return accept<AccountEvent>(
    { type: 'FundsDeposited', data: { amountMinor: command.amountMinor, reference: command.reference, depositedAt: at, balanceAfterMinor, reservedAfterMinor: state.reservedMinor } },
    ...consequences(state, { balanceMinor: balanceAfterMinor, reservedMinor: state.reservedMinor, reservations: state.reservations.size, moneyIn: true }, at),
  );
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
  // Once per batch, or per key (a reviewer's release reserves one message of a batch reserved already).
  if (state.reservedBatches.has(command.key ?? command.batchId)) return accept();

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
    // Reserve what the message can cost whenever it goes out: a price change due within the horizon may raise it.
    const next = message.next && message.next.unitPriceMinor !== null ? { effectiveAt: message.next.effectiveAt, unitPriceMinor: message.next.unitPriceMinor } : undefined;
    const unit = next && next.unitPriceMinor > message.unitPriceMinor ? next.unitPriceMinor : message.unitPriceMinor;
    const amount = BigInt(message.segments) * unit;
    if (exhausted || amount > available) {
      exhausted = true;
      rejected.push({ messageId: message.messageId, code: 'INSUFFICIENT_BALANCE', detail: 'Available balance does not cover this message.' });
      continue;
    }
    available -= amount;
    total += amount;
    items.push({ messageId: message.messageId, segments: message.segments, unitPriceMinor: message.unitPriceMinor, amountMinor: amount, ...(next ? { next } : {}) });
  }

  if (items.length === 0 && rejected.length === 0) return accept();
  const at = command.at.toISOString();
  const reservedAfterMinor = state.reservedMinor + total;
  // The reservation first: its event id is the one redeliveries have always matched.
  const events: AccountEvent[] = [
    { type: 'FundsReserved', data: { batchId: command.batchId, ...(command.key !== undefined ? { key: command.key } : {}), items, rejected, totalMinor: total, reservedAt: at, balanceAfterMinor: state.balanceMinor, reservedAfterMinor } },
  ];
  // First actual use (preamble): a customer who never clicked or sealed the terms accepts them by sending.
  if (!state.terms && command.termsVersion && items.length > 0) {
    events.push({ type: 'TermsAccepted', data: { version: command.termsVersion, method: 'first-use', acceptedBy: state.accountId, acceptedAt: at } });
  }
  if (items.length > 0) events.push(...consequences(state, { balanceMinor: state.balanceMinor, reservedMinor: reservedAfterMinor, reservations: state.reservations.size + items.length, moneyIn: false }, at));
  return accept(...events);
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
      released.push({
        messageId: result.messageId,
        batchId: reservation.batchId,
        amountMinor: reservation.amountMinor,
        reason: command.releaseReason ?? 'SUBMIT_FAILED',
        ...(result.errorCode ? { errorCode: result.errorCode } : {}),
      });
      releasedTotal += reservation.amountMinor;
      continue;
    }
    // The price in force at submission (§2.3): the announced one once it took effect, never more than was reserved.
    const submittedAt = result.submittedAt ?? command.at.toISOString();
    const unit = reservation.next && submittedAt >= reservation.next.effectiveAt ? reservation.next.unitPriceMinor : reservation.unitPriceMinor;
    let amount = BigInt(segments) * unit;
    if (amount > reservation.amountMinor) amount = reservation.amountMinor;
    const rest = reservation.amountMinor - amount;
    captured.push({ messageId: result.messageId, batchId: reservation.batchId, segments, amountMinor: amount, releasedMinor: rest });
    capturedTotal += amount;
    releasedByCapture += rest;
  }

  if (captured.length === 0 && released.length === 0) return accept();
  const at = command.at.toISOString();
  const events: AccountEvent[] = [];
  const balanceAfterMinor = state.balanceMinor - capturedTotal;
  let reservedAfterMinor = state.reservedMinor - capturedTotal - releasedByCapture;
  if (captured.length > 0) {
    events.push({
      type: 'FundsCaptured',
      data: { batchKey: command.batchKey, items: captured, capturedMinor: capturedTotal, releasedMinor: releasedByCapture, capturedAt: at, balanceAfterMinor, reservedAfterMinor },
    });
  }
  if (released.length > 0) {
    reservedAfterMinor -= releasedTotal;
    events.push({ type: 'FundsReleased', data: { batchKey: command.batchKey, items: released, releasedMinor: releasedTotal, releasedAt: at, balanceAfterMinor, reservedAfterMinor } });
  }
  events.push(...consequences(state, { balanceMinor: balanceAfterMinor, reservedMinor: reservedAfterMinor, reservations: state.reservations.size - settled.size, moneyIn: false }, at));
  return accept(...events);
}

/** The Account aggregate as the kit's decider: what `CommandHandler` and `DeciderSpecification` run. */
export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState, AccountRejectionCode> = { decide, evolve, initialState };
