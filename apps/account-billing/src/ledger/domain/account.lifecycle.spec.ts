import { DeciderSpecification } from '@sms/use-case-kit/core';
import type { AccountCommand, ReserveFundsItem } from './account.commands';
import { accountDecider, type Decision } from './account.decider';
import type { AccountEvent } from './account.events';
import { type AccountState, availableMinor } from './account.state';

/**
 * The rules of DOMAIN §4–§5 that issue 8 adds — arrears, adjustments, service credits, low-balance alerts, terms
 * acceptance, termination with refund, prices changing between reservation and submission — as given/when/then
 * specs whose names cite the terms' clauses. Running totals (balanceAfterMinor/reservedAfterMinor) are checked here
 * where they matter and by the property-based invariants everywhere.
 */
const spec = DeciderSpecification.for(accountDecider);
const AT = new Date('2025-03-01T08:00:00.000Z');
const ISO = AT.toISOString();
const PRICE = 450n;

const opened: AccountEvent = { type: 'AccountOpened', data: { accountId: 'acc-1', name: 'Acme', contactEmail: 'ops@acme.test', currency: 'CNY', openedAt: '2025-01-01T00:00:00.000Z' } };
const deposited = (amountMinor: bigint, reference = 'dep-1'): AccountEvent => ({ type: 'FundsDeposited', data: { amountMinor, reference, depositedAt: ISO } });
const msg = (messageId: string, segments = 1): ReserveFundsItem => ({ messageId, segments, unitPriceMinor: PRICE });
const reserve = (batchId: string, items: ReserveFundsItem[], extra: Partial<AccountCommand> = {}): AccountCommand => ({ type: 'ReserveFunds', batchId, currency: 'CNY', items, at: AT, ...extra }) as AccountCommand;
const reservedEvent = (batchId: string, ids: string[]): AccountEvent => ({
  type: 'FundsReserved',
  data: { batchId, items: ids.map((messageId) => ({ messageId, segments: 1, unitPriceMinor: PRICE, amountMinor: PRICE })), rejected: [], totalMinor: PRICE * BigInt(ids.length), reservedAt: ISO },
});
const captured = (ids: string[]): AccountEvent => ({
  type: 'FundsCaptured',
  data: { batchKey: 'k0', items: ids.map((messageId) => ({ messageId, batchId: 'b1', segments: 1, amountMinor: PRICE, releasedMinor: 0n })), capturedMinor: PRICE * BigInt(ids.length), releasedMinor: 0n, capturedAt: ISO },
});
const adjust = (amountMinor: bigint, reference = 'adj-1'): AccountCommand => ({ type: 'AdjustFunds', amountMinor, reason: 'statement correction', reference, by: 'ak_op', at: AT });
const deposit = (amountMinor: bigint, reference: string): AccountCommand => ({ type: 'DepositFunds', amountMinor, reference, at: AT });
const settle = (results: Array<{ messageId: string; segments: number; submittedAt?: string }>): AccountCommand => ({
  type: 'SettleFunds',
  batchKey: 'k1',
  results: results.map((r) => ({ messageId: r.messageId, status: r.segments > 0 ? 'SUBMITTED' : 'FAILED', segmentsSubmitted: r.segments, ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}) })),
  at: AT,
});
const types = (decision: Decision): string[] => (decision.ok ? decision.events.map((e) => e.type) : [`rejected:${decision.rejection.code}`]);
const eventOf = <T extends AccountEvent['type']>(decision: Decision, type: T): Extract<AccountEvent, { type: T }> => {
  const event = decision.ok ? decision.events.find((e) => e.type === type) : undefined;
  if (!event) throw new Error(`no ${type} in ${JSON.stringify(types(decision))}`);
  return event as Extract<AccountEvent, { type: T }>;
};

describe('Account lifecycle and the complete ledger (DOMAIN §4–§5)', () => {
  describe('arrears (terms §7.2, §7.3.3): FROZEN from the moment the balance is below zero, lifted by a top-up', () => {
    it('a debit adjustment that takes the balance below zero freezes the account in the same decision', () => {
      const then = spec.given([opened, deposited(1_000n)]).when(adjust(-1_500n));
      expect(types(then.decision)).toEqual(['FundsAdjusted', 'AccountFrozen']);
      expect(eventOf(then.decision, 'FundsAdjusted').data).toMatchObject({ amountMinor: -1_500n, balanceAfterMinor: -500n, reference: 'adj-1', adjustedBy: 'ak_op' });
      expect(eventOf(then.decision, 'AccountFrozen').data).toEqual({ reason: 'ARREARS', balanceMinor: -500n, frozenAt: ISO, currency: 'CNY', status: 'FROZEN' });
      const state = then.then((then.decision as { events: AccountEvent[] }).events);
      expect(state).toMatchObject({ status: 'FROZEN', statusReason: 'ARREARS', inArrears: true, balanceMinor: -500n });
    });

    it('a frozen account reserves nothing: every message is rejected ACCOUNT_FROZEN', () => {
      const frozen = spec.given([opened, deposited(1_000n)]).when(adjust(-1_500n));
      const events = [opened, deposited(1_000n), ...(frozen.decision as { events: AccountEvent[] }).events, deposited(100_000n, 'not-enough-yet')];
      // A deposit event alone does not thaw in evolve: the decider decides AccountUnfrozen. Here the given state is still frozen.
      const decision = spec.given(events).when(reserve('b1', [msg('m1')])).decision;
      expect(eventOf(decision, 'FundsReserved').data.rejected).toEqual([{ messageId: 'm1', code: 'ACCOUNT_FROZEN', detail: 'The account is frozen for arrears.' }]);
    });

    it('a deposit that brings the balance back to zero or above lifts the freeze; one that does not keeps it', () => {
      const frozenEvents = [opened, adjustedEvent(-500n), frozenEvent(-500n)];
      expect(types(spec.given(frozenEvents).when(deposit(499n, 'd1')).decision)).toEqual(['FundsDeposited']);
      const thawed = spec.given(frozenEvents).when(deposit(500n, 'd1'));
      expect(types(thawed.decision)).toEqual(['FundsDeposited', 'AccountUnfrozen']);
      expect(eventOf(thawed.decision, 'AccountUnfrozen').data.status).toBe('ACTIVE');
      expect(thawed.then((thawed.decision as { events: AccountEvent[] }).events)).toMatchObject({ status: 'ACTIVE', inArrears: false, balanceMinor: 0n });
    });

    it('arrears under a suspension keeps the account SUSPENDED; lifting the suspension leaves it FROZEN (terms §7.3.2)', () => {
      const suspended: AccountEvent = { type: 'AccountSuspended', data: { kind: 'BREACH', reason: 'spam', suspendedBy: 'ak_rev', suspendedAt: ISO, currency: 'CNY' } };
      const freeze = spec.given([opened, suspended]).when(adjust(-1n)).decision;
      expect(eventOf(freeze, 'AccountFrozen').data.status).toBe('SUSPENDED');
      const lifted = spec.given([opened, suspended, adjustedEvent(-1n), frozenEvent(-1n, 'SUSPENDED')]).when({ type: 'LiftSuspension', reason: 'fixed', by: 'ak_op', at: AT });
      expect(eventOf(lifted.decision, 'SuspensionLifted').data.status).toBe('FROZEN');
      expect(lifted.then((lifted.decision as { events: AccountEvent[] }).events).status).toBe('FROZEN');
    });
  });

  describe('adjustments (terms §2.4 statement corrections)', () => {
    it('are signed, idempotent by reference, and never zero', () => {
      spec.given([opened, adjustedEvent(300n)]).when(adjust(300n)).thenNothing();
      spec.given([opened, adjustedEvent(300n)]).when(adjust(301n)).thenRejects('IDEMPOTENCY_KEY_REUSED', /adj-1/);
      spec.given([opened]).when(adjust(0n)).thenRejects('INVALID_AMOUNT');
      spec.given([]).when(adjust(1n)).thenRejects('ACCOUNT_NOT_FOUND');
    });
  });

  describe('service credits (terms §8.5): never more than the affected messages were charged', () => {
    const base = [opened, deposited(10_000n), reservedEvent('b1', ['m1', 'm2']), captured(['m1', 'm2'])];
    const credit = (amountMinor: bigint, messageIds: string[], reference = 'cr-1'): AccountCommand => ({
      type: 'GrantServiceCredit',
      amountMinor,
      messageIds,
      charges: messageIds.filter((id) => id !== 'unknown').map((messageId) => ({ messageId, chargedMinor: PRICE })),
      reason: 'operator outage 2025-02-28',
      reference,
      by: 'ak_op',
      at: AT,
    });

    it('grants up to the charges, set against the messages in order, and raises the balance', () => {
      const then = spec.given(base).when(credit(600n, ['m1', 'm2']));
      expect(eventOf(then.decision, 'ServiceCreditGranted').data).toMatchObject({
        amountMinor: 600n,
        items: [
          { messageId: 'm1', amountMinor: 450n },
          { messageId: 'm2', amountMinor: 150n },
        ],
        balanceAfterMinor: 10_000n - 900n + 600n,
      });
    });

    it('refuses CREDIT_EXCEEDS_CHARGES above what was charged, counting earlier credits and unknown messages as nothing', () => {
      spec.given(base).when(credit(901n, ['m1', 'm2'])).thenRejects('CREDIT_EXCEEDS_CHARGES', /0\.0900/);
      spec.given(base).when(credit(1n, ['unknown'])).thenRejects('CREDIT_EXCEEDS_CHARGES');
      const earlier: AccountEvent = { type: 'ServiceCreditGranted', data: { amountMinor: 400n, items: [{ messageId: 'm1', amountMinor: 400n }], reason: 'r', reference: 'cr-0', grantedBy: 'op', grantedAt: ISO } };
      spec.given([...base, earlier]).when(credit(51n, ['m1'])).thenRejects('CREDIT_EXCEEDS_CHARGES', /0\.0050/);
      expect(eventOf(spec.given([...base, earlier]).when(credit(50n, ['m1'])).decision, 'ServiceCreditGranted').data.amountMinor).toBe(50n);
    });

    it('is idempotent by reference', () => {
      const granted: AccountEvent = { type: 'ServiceCreditGranted', data: { amountMinor: 100n, items: [{ messageId: 'm1', amountMinor: 100n }], reason: 'r', reference: 'cr-1', grantedBy: 'op', grantedAt: ISO } };
      spec.given([...base, granted]).when(credit(100n, ['m1'])).thenNothing();
      spec.given([...base, granted]).when(credit(200n, ['m1'])).thenRejects('IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('low-balance alerts (terms §7.2): once per crossing', () => {
    const threshold: AccountEvent = { type: 'LowBalanceThresholdSet', data: { thresholdMinor: 1_000n, setBy: 'acc-1', setAt: ISO } };

    it('a reservation that takes available below the threshold raises one alert; the next one does not', () => {
      const first = spec.given([opened, deposited(2_000n), threshold]).when(reserve('b1', [msg('m1', 3)]));
      expect(types(first.decision)).toEqual(['FundsReserved', 'LowBalanceCrossed']);
      expect(eventOf(first.decision, 'LowBalanceCrossed').data).toEqual({ thresholdMinor: 1_000n, availableMinor: 650n, crossedAt: ISO, currency: 'CNY' });
      const state = first.then((first.decision as { events: AccountEvent[] }).events);
      expect(state.lowBalanceAlerted).toBe(true);
      expect(types(spec.givenState(state).when(reserve('b2', [msg('m2')])).decision)).toEqual(['FundsReserved']);
    });

    it('money in that brings available back to the threshold re-arms it, so the next fall warns again', () => {
      const alerted: AccountEvent = { type: 'LowBalanceCrossed', data: { thresholdMinor: 1_000n, availableMinor: 650n, crossedAt: ISO, currency: 'CNY' } };
      const given = [opened, deposited(2_000n), threshold, reservedEvent('b1', ['m1', 'm2', 'm3']), alerted, deposited(1_000n, 'top-up')];
      expect(types(spec.given(given).when(reserve('b2', [msg('m4', 2)])).decision)).toEqual(['FundsReserved', 'LowBalanceCrossed']);
    });

    it('setting a threshold above the available balance warns at once', () => {
      const then = spec.given([opened, deposited(500n)]).when({ type: 'SetLowBalanceThreshold', thresholdMinor: 1_000n, by: 'acc-1', at: AT });
      expect(types(then.decision)).toEqual(['LowBalanceThresholdSet', 'LowBalanceCrossed']);
      spec.given([opened, threshold]).when({ type: 'SetLowBalanceThreshold', thresholdMinor: 1_000n, by: 'acc-1', at: AT }).thenNothing();
      spec.given([opened]).when({ type: 'SetLowBalanceThreshold', thresholdMinor: -1n, by: 'acc-1', at: AT }).thenRejects('INVALID_AMOUNT');
    });
  });

  describe('terms acceptance (preamble): recorded with version and method', () => {
    it('by click or seal when the account is opened', () => {
      spec
        .given([])
        .when({ type: 'OpenAccount', accountId: 'acc-1', name: 'Acme', contactEmail: 'ops@acme.test', currency: 'CNY', at: AT, terms: { version: '2024-06', method: 'seal', by: 'ak_op' } })
        .then([
          { type: 'AccountOpened', data: { accountId: 'acc-1', name: 'Acme', contactEmail: 'ops@acme.test', currency: 'CNY', openedAt: ISO } },
          { type: 'TermsAccepted', data: { version: '2024-06', method: 'seal', acceptedBy: 'ak_op', acceptedAt: ISO } },
        ]);
    });

    it('by first actual use: the first reservation of a customer who never accepted them records first-use, once', () => {
      const first = spec.given([opened, deposited(10_000n)]).when(reserve('b1', [msg('m1')], { termsVersion: '2024-06' } as Partial<AccountCommand>));
      expect(types(first.decision)).toEqual(['FundsReserved', 'TermsAccepted']);
      expect(eventOf(first.decision, 'TermsAccepted').data).toEqual({ version: '2024-06', method: 'first-use', acceptedBy: 'acc-1', acceptedAt: ISO });
      const state = first.then((first.decision as { events: AccountEvent[] }).events);
      expect(types(spec.givenState(state).when(reserve('b2', [msg('m2')], { termsVersion: '2024-06' } as Partial<AccountCommand>)).decision)).toEqual(['FundsReserved']);
    });
  });

  describe('termination by agreement (§7.3.1) or notice (§7.3.5): stop, let in-flight settle, refund, TERMINATED', () => {
    const terminate: AccountCommand = { type: 'RequestTermination', basis: 'notice', reason: 'contract ends', by: 'ak_op', at: AT };

    it('with nothing in flight it refunds the unconsumed balance and terminates at once', () => {
      const then = spec.given([opened, deposited(10_000n)]).when(terminate);
      expect(types(then.decision)).toEqual(['TerminationRequested', 'BalanceRefunded', 'AccountTerminated']);
      expect(eventOf(then.decision, 'BalanceRefunded').data).toMatchObject({ amountMinor: 10_000n, balanceAfterMinor: 0n });
      expect(then.then((then.decision as { events: AccountEvent[] }).events)).toMatchObject({ status: 'TERMINATED', balanceMinor: 0n, refundedMinor: 10_000n });
    });

    it('with reservations open it is TERMINATING; the settlement of the last one refunds and terminates', () => {
      const requested = spec.given([opened, deposited(10_000n), reservedEvent('b1', ['m1', 'm2'])]).when(terminate);
      expect(types(requested.decision)).toEqual(['TerminationRequested']);
      const terminating = requested.then((requested.decision as { events: AccountEvent[] }).events);
      expect(terminating.status).toBe('TERMINATING');
      // Nothing new is reserved or deposited meanwhile.
      expect(eventOf(spec.givenState(terminating).when(reserve('b2', [msg('m3')])).decision, 'FundsReserved').data.rejected[0].code).toBe('ACCOUNT_TERMINATED');
      spec.givenState(terminating).when(deposit(1n, 'late')).thenRejects('ACCOUNT_TERMINATED');
      const partly = spec.givenState(terminating).when(settle([{ messageId: 'm1', segments: 1 }]));
      expect(types(partly.decision)).toEqual(['FundsCaptured']);
      const last = spec.givenState(partly.then((partly.decision as { events: AccountEvent[] }).events)).when(settle([{ messageId: 'm2', segments: 0 }]));
      expect(types(last.decision)).toEqual(['FundsReleased', 'BalanceRefunded', 'AccountTerminated']);
      expect(eventOf(last.decision, 'BalanceRefunded').data.amountMinor).toBe(10_000n - PRICE);
    });

    it('a deposit retried after termination is answered as it was; a new one is refused', () => {
      const terminated: AccountEvent = { type: 'AccountTerminated', data: { basis: 'notice', reason: 'r', terminatedAt: ISO, currency: 'CNY' } };
      spec.given([opened, deposited(10_000n, 'wire-1'), terminated]).when(deposit(10_000n, 'wire-1')).thenNothing();
      spec.given([opened, deposited(10_000n, 'wire-1'), terminated]).when(deposit(10_000n, 'wire-2')).thenRejects('ACCOUNT_TERMINATED');
    });

    it('an account in arrears is terminated without a refund; asking again changes nothing', () => {
      expect(types(spec.given([opened, adjustedEvent(-5n), frozenEvent(-5n)]).when(terminate).decision)).toEqual(['TerminationRequested', 'AccountTerminated']);
      const terminated: AccountEvent = { type: 'AccountTerminated', data: { basis: 'notice', reason: 'r', terminatedAt: ISO, currency: 'CNY' } };
      spec.given([opened, terminated]).when(terminate).thenNothing();
    });
  });

  describe('prices change between reservation and submission (terms §2.3): the price in force at submission', () => {
    const RISE = '2025-03-02T00:00:00.000Z';
    const item: ReserveFundsItem = { messageId: 'm1', segments: 2, unitPriceMinor: PRICE, next: { effectiveAt: RISE, unitPriceMinor: 500n } };

    it('reserves the higher price a change due within the horizon may charge', () => {
      const decision = spec.given([opened, deposited(10_000n)]).when(reserve('b1', [item])).decision;
      expect(eventOf(decision, 'FundsReserved').data.items).toEqual([{ messageId: 'm1', segments: 2, unitPriceMinor: PRICE, amountMinor: 1_000n, next: { effectiveAt: RISE, unitPriceMinor: 500n } }]);
    });

    it('captures at the old price before the change takes effect and at the new one from then on, releasing the rest', () => {
      const state = spec.given([opened, deposited(10_000n)]).when(reserve('b1', [item]));
      const reserved = state.then((state.decision as { events: AccountEvent[] }).events);
      const before = spec.givenState(structuredClone(reserved)).when(settle([{ messageId: 'm1', segments: 2, submittedAt: '2025-03-01T23:59:59.999Z' }])).decision;
      expect(eventOf(before, 'FundsCaptured').data.items[0]).toMatchObject({ amountMinor: 900n, releasedMinor: 100n });
      const after = spec.givenState(structuredClone(reserved)).when(settle([{ messageId: 'm1', segments: 2, submittedAt: RISE }])).decision;
      expect(eventOf(after, 'FundsCaptured').data.items[0]).toMatchObject({ amountMinor: 1_000n, releasedMinor: 0n });
      expect(availableMinor(reserved)).toBe(9_000n);
    });
  });
});

function adjustedEvent(amountMinor: bigint): AccountEvent {
  return { type: 'FundsAdjusted', data: { amountMinor, reason: 'statement correction', reference: 'adj-1', adjustedBy: 'ak_op', adjustedAt: ISO } };
}

function frozenEvent(balanceMinor: bigint, status: AccountState['status'] = 'FROZEN'): AccountEvent {
  return { type: 'AccountFrozen', data: { reason: 'ARREARS', balanceMinor, frozenAt: ISO, currency: 'CNY', status: status as 'FROZEN' } };
}
