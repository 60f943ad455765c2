import { WorkflowSpecification } from '@sms/use-case-kit/core';
import type { AccountEvent } from '../../ledger/domain/account.events';
import type { PriceCataloguePublished } from '../../pricing/domain/price-catalogue';
import { DEFAULT_CATALOGUE, DEFAULT_CATALOGUE_PUBLISHED_AT } from '../../pricing/domain/price-catalogue';
import { type Notice, type NotifierInput, notifier, PRICE_LINES_LISTED } from './notifier';

const AT = '2026-11-23T10:00:00.000Z';
const spec = WorkflowSpecification.for(notifier);

let ids = 0;
const on = (accountId: string, event: AccountEvent, eventId = `e-${++ids}`): NotifierInput => ({ eventId, accountId, event });
const opened = (accountId: string): NotifierInput =>
  on(accountId, { type: 'AccountOpened', data: { accountId, name: 'Acme', contactEmail: 'billing@acme.example', currency: 'CNY', openedAt: AT } });
const crossed = (availableMinor: bigint): AccountEvent => ({ type: 'LowBalanceCrossed', data: { thresholdMinor: 100_000n, availableMinor, crossedAt: AT, currency: 'CNY' } });
const terminated: AccountEvent = { type: 'AccountTerminated', data: { basis: 'agreement', reason: 'moving on', terminatedAt: AT, currency: 'CNY' } };
const suspended: AccountEvent = { type: 'AccountSuspended', data: { kind: 'BREACH', reason: 'spam complaints', suspendedBy: 'ak_ops', suspendedAt: AT, currency: 'CNY' } };
const erased: AccountEvent = { type: 'AccountDataErased', data: { scope: 'account', reason: 'customer request', erasedBy: 'ak_ops', erasedAt: AT } };
const published = (effectiveAt: string, publishedAt = AT, eventId = 'price-2'): NotifierInput => ({
  eventId,
  event: {
    type: 'PriceCataloguePublished',
    data: { version: 2, currency: 'CNY', effectiveAt, publishedAt, prices: [{ kind: 'notification', country: 'CN', unitPriceMinor: 500n }] },
  } satisfies PriceCataloguePublished,
});

describe('notifier (issue 8 parts 4–5)', () => {
  it('tells the account once per low-balance crossing (§7.2), with the available balance and the threshold', () => {
    const { outputs } = spec.given([opened('acc-1')]).when(on('acc-1', crossed(42_000n), 'cross-1'));
    expect(outputs).toEqual<Notice[]>([
      {
        accountId: 'acc-1',
        kind: 'LOW_BALANCE',
        subject: 'Low balance: 4.2000 CNY available',
        body: expect.stringContaining('below your alert threshold of 10.0000 CNY'),
        cause: { eventId: 'cross-1', type: 'LowBalanceCrossed' },
        createdAt: AT,
      },
    ]);
  });

  it('tells a freeze for arrears (§7.3.3) only when the account becomes FROZEN, and a thaw only when it becomes ACTIVE', () => {
    const frozen = (status: 'FROZEN' | 'SUSPENDED'): AccountEvent => ({ type: 'AccountFrozen', data: { reason: 'ARREARS', balanceMinor: -5_000n, frozenAt: AT, currency: 'CNY', status } });
    const unfrozen = (status: 'ACTIVE' | 'SUSPENDED'): AccountEvent => ({ type: 'AccountUnfrozen', data: { reason: 'The balance is back to zero or above', unfrozenAt: AT, currency: 'CNY', status } });
    const told = spec.given([opened('acc-1')]).when(on('acc-1', frozen('FROZEN'))).outputs;
    expect(told).toEqual([expect.objectContaining({ kind: 'ACCOUNT_STATUS', subject: 'Account frozen: the balance is below zero', body: expect.stringContaining('-0.5000 CNY') })]);
    spec.given([opened('acc-1'), on('acc-1', suspended)]).when(on('acc-1', frozen('SUSPENDED'))).thenNothing();
    expect(spec.given([opened('acc-1')]).when(on('acc-1', unfrozen('ACTIVE'))).outputs).toEqual([expect.objectContaining({ subject: 'Account active again' })]);
    spec.given([opened('acc-1')]).when(on('acc-1', unfrozen('SUSPENDED'))).thenNothing();
  });

  it('tells suspensions (§7.3.2/§7.3.4) with their reason, and their lifting', () => {
    expect(spec.given([opened('acc-1')]).when(on('acc-1', suspended)).outputs).toEqual([
      expect.objectContaining({ subject: 'Account suspended', body: expect.stringMatching(/breach of the terms \(§7\.3\.2\): spam complaints/) }),
    ]);
    const lifted: AccountEvent = { type: 'SuspensionLifted', data: { reason: 'resolved', liftedBy: 'ak_ops', liftedAt: AT, currency: 'CNY', status: 'FROZEN' } };
    expect(spec.given([opened('acc-1'), on('acc-1', suspended)]).when(on('acc-1', lifted)).outputs).toEqual([
      expect.objectContaining({ subject: 'Suspension lifted', body: expect.stringContaining('stays frozen for arrears') }),
    ]);
  });

  it('tells a termination request (§7.3.1/§7.3.5), and the termination with what was refunded', () => {
    const requested: AccountEvent = { type: 'TerminationRequested', data: { basis: 'notice', reason: 'notice given', requestedBy: 'ak_ops', requestedAt: AT, currency: 'CNY' } };
    expect(spec.given([opened('acc-1')]).when(on('acc-1', requested)).outputs).toEqual([
      expect.objectContaining({ subject: 'Termination requested', body: expect.stringContaining('by notice (terms §7.3.5)') }),
    ]);
    const refunded: AccountEvent = { type: 'BalanceRefunded', data: { amountMinor: 123_400n, reason: 'Termination', refundedAt: AT } };
    expect(spec.given([opened('acc-1'), on('acc-1', requested), on('acc-1', refunded)]).when(on('acc-1', terminated)).outputs).toEqual([
      expect.objectContaining({ subject: 'Account terminated', body: expect.stringContaining('The unconsumed balance of 12.3400 CNY was refunded.') }),
    ]);
    expect(spec.given([opened('acc-1'), on('acc-1', requested)]).when(on('acc-1', terminated)).outputs).toEqual([
      expect.objectContaining({ body: expect.stringContaining('There was no unconsumed balance to refund.') }),
    ]);
  });

  it('tells nothing of money movements, thresholds or terms', () => {
    spec.given([opened('acc-1')]).when(on('acc-1', { type: 'FundsDeposited', data: { amountMinor: 1n, reference: 'r', depositedAt: AT } })).thenNothing();
    spec.given([opened('acc-1')]).when(on('acc-1', { type: 'LowBalanceThresholdSet', data: { thresholdMinor: 5n, setBy: 'ak', setAt: AT } })).thenNothing();
  });

  it('announces a price change (§2.3) to every account that exists and is not terminated, each with its own notice', () => {
    const { outputs } = spec
      .given([opened('acc-1'), opened('acc-2'), opened('acc-3'), on('acc-3', terminated), opened('acc-4'), on('acc-4', suspended)])
      .when(published('2026-12-24T00:00:00.000Z'));
    expect(outputs.map((n) => n.accountId)).toEqual(['acc-1', 'acc-2', 'acc-4']);
    expect(outputs[0]).toEqual({
      accountId: 'acc-1',
      kind: 'PRICE_CHANGE',
      subject: 'Price change from 2026-12-24',
      body: expect.stringContaining('- notification to CN: 0.0500 CNY per unit'),
      cause: { eventId: 'price-2', type: 'PriceCataloguePublished' },
      createdAt: AT,
    });
  });

  it('announces nothing for a version effective when published: the catalogue seeded at first start', () => {
    spec.given([opened('acc-1')]).when(published(AT)).thenNothing();
    spec
      .given([opened('acc-1')])
      .when({ eventId: 'seed', event: { type: 'PriceCataloguePublished', data: { ...DEFAULT_CATALOGUE, publishedAt: DEFAULT_CATALOGUE_PUBLISHED_AT } } })
      .thenNothing();
  });

  it('lists the first lines of a long catalogue and says where the rest are', () => {
    const prices = Array.from({ length: PRICE_LINES_LISTED + 3 }, (_, i) => ({ kind: 'international' as const, country: `C${i}`, unitPriceMinor: 5_000n }));
    const input: NotifierInput = { eventId: 'p', event: { type: 'PriceCataloguePublished', data: { version: 3, currency: 'CNY', effectiveAt: '2027-01-01T00:00:00.000Z', publishedAt: AT, prices } } };
    const [notice] = spec.given([opened('acc-1')]).when(input).outputs;
    expect(notice.body.split('\n')).toHaveLength(1 + PRICE_LINES_LISTED + 1);
    expect(notice.body).toContain('… and 3 more: GET /v1/prices?at=2027-01-01T00:00:00.000Z');
  });

  it('tells an erased account nothing more (ADR 0017), and leaves it out of announcements', () => {
    spec.given([opened('acc-1'), on('acc-1', suspended), on('acc-1', erased)]).when(on('acc-1', crossed(1n))).thenNothing();
    expect(spec.given([opened('acc-1'), on('acc-1', suspended), on('acc-1', erased), opened('acc-2')]).when(published('2027-01-01T00:00:00.000Z')).outputs.map((n) => n.accountId)).toEqual(['acc-2']);
  });
});
