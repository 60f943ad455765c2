import { type AppendOptions, type AppendResult, type EventData, InMemoryEventStore } from '@sms/event-store';
import { DomainError } from '@sms/service-kit';
import { InMemoryBalanceView } from '../../test-support';
import { dispatchCodec } from '../../dispatch.codec';
import { batchCommandHandler } from '../application/batches';
import type { AccountBalanceEntry } from '../application/balance-view';
import { PendingCharges } from '../application/pending-charges';
import { SendBudgets } from '../application/send-budgets';
import type { SendDirectory, SendLookup } from '../application/send-directory';
import { SendMessagesHandler, type SendMessagesRequest } from './handler';

/* DOMAIN §4 Arrears (§7.2, §7.3.3): the send handler estimates a send against dispatch's view of the balance (ADR 0027). */

const changedAt = '2026-11-01T00:00:00.000Z';
const known: SendLookup = {
  account: { accountId: 'acc-1', status: 'ACTIVE', currency: 'CNY', changedAt },
  signature: { signatureId: 'sig-1', accountId: 'acc-1', name: '阿里云', status: 'APPROVED', changedAt },
  template: { templateId: 'tpl-1', accountId: 'acc-1', name: 'otp', kind: 'verification', content: '您的验证码为${code}。', status: 'APPROVED', changedAt },
};
const directory: SendDirectory = { saveAccount: async () => undefined, saveSignature: async () => undefined, saveTemplate: async () => undefined, lookup: async () => known, accountOf: async () => known.account };
const numbers = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `138001380${String(from + i).padStart(2, '0')}`);
const request = (phoneNumbers: string[], overrides: Partial<SendMessagesRequest> = {}): SendMessagesRequest => ({
  accountId: 'acc-1',
  signatureId: 'sig-1',
  templateId: 'tpl-1',
  params: { code: '123456' },
  phoneNumbers,
  ...overrides,
});
const PRICE = 450;
const report = (revision: number, availableMinor: number): AccountBalanceEntry => ({ accountId: 'acc-1', balanceMinor: availableMinor, availableMinor, revision, at: '2026-11-23T09:00:00.000Z' });
const codes = (result: { rejected: Array<{ code: string }> }) => result.rejected.map((r) => r.code);

/** An event store whose next append fails (a full disk): the batch is not accepted. */
class FailingOnce extends InMemoryEventStore {
  fail = false;
  override async appendToStream(stream: string, events: EventData | EventData[], options?: AppendOptions): Promise<AppendResult> {
    if (this.fail) {
      this.fail = false;
      throw new Error('disk full');
    }
    return super.appendToStream(stream, events, options);
  }
}

describe('SendMessagesHandler: DOMAIN §4 Arrears (§7.2, §7.3.3) — INSUFFICIENT_BALANCE in the answer', () => {
  let store: FailingOnce;
  let view: InMemoryBalanceView;
  let pending: PendingCharges;
  let handler: SendMessagesHandler;
  const clock = { now: () => new Date('2026-11-23T10:00:00.000Z') };

  beforeEach(async () => {
    store = new FailingOnce();
    view = new InMemoryBalanceView();
    pending = new PendingCharges(60_000);
    handler = new SendMessagesHandler(batchCommandHandler(store, dispatchCodec), directory, clock, undefined, undefined, undefined, undefined, new SendBudgets(view, pending));
    await view.savePriceVersion({ version: 1, currency: 'CNY', effectiveAt: '1970-01-01T00:00:00.000Z', publishedAt: '1970-01-01T00:00:00.000Z', prices: [{ kind: 'verification', country: 'CN', unitPriceMinor: PRICE }] });
  });

  afterEach(() => store.close());

  it('given 3 segments available, when 5 are sent to, then 3 are accepted and 2 refused; the next send is refused until a report shows more money', async () => {
    await view.saveBalance(report(4, 3 * PRICE));
    const first = await handler.handle(request(numbers(5)));
    expect(first.messages.map((m) => m.phoneNumber)).toEqual(['+8613800138001', '+8613800138002', '+8613800138003']);
    expect(first.rejected).toEqual([
      { phoneNumber: '13800138004', code: 'INSUFFICIENT_BALANCE', detail: 'The available balance does not cover this message' },
      { phoneNumber: '13800138005', code: 'INSUFFICIENT_BALANCE', detail: 'The available balance does not cover this message' },
    ]);
    expect(pending.of('acc-1')).toBe(3 * PRICE);

    // Before billing's report of the reservation: what this process accepted is held against the old figure.
    await expect(handler.handle(request(numbers(1, 10)))).rejects.toMatchObject({ code: 'INSUFFICIENT_BALANCE', status: 402 });
    // The reservation's report (available 0) replaces the hold: still nothing left, counted once.
    await view.saveBalance(report(5, 0));
    pending.balanceReported('acc-1', 5);
    await expect(handler.handle(request(numbers(1, 10)))).rejects.toMatchObject({ code: 'INSUFFICIENT_BALANCE' });
    // A deposit's report: the next send goes through.
    await view.saveBalance(report(6, 2 * PRICE));
    pending.balanceReported('acc-1', 6);
    const next = await handler.handle(request(numbers(2, 10)));
    expect(next.messages).toHaveLength(2);
    expect(next.rejected).toEqual([]);
  });

  it('given two sends racing between reports, then they do not both spend the same money', async () => {
    await view.saveBalance(report(4, 3 * PRICE));
    const [a, b] = await Promise.all([handler.handle(request(numbers(2, 1))), handler.handle(request(numbers(2, 11)))]);
    expect(a.messages.length + b.messages.length).toBe(3);
    expect([...codes(a), ...codes(b)]).toEqual(['INSUFFICIENT_BALANCE']);
  });

  it('answers a retry under the same Idempotency-Key from the stream, holding nothing twice', async () => {
    await view.saveBalance(report(4, 3 * PRICE));
    const first = await handler.handle(request(numbers(2), { idempotencyKey: 'k-1' }));
    expect(await handler.handle(request(numbers(2), { idempotencyKey: 'k-1' }))).toEqual(first);
    expect(pending.of('acc-1')).toBe(2 * PRICE);
  });

  it('holds nothing for a send whose append failed', async () => {
    await view.saveBalance(report(4, 3 * PRICE));
    store.fail = true;
    await expect(handler.handle(request(numbers(3)))).rejects.toThrow('disk full');
    expect(pending.of('acc-1')).toBe(0);
    expect((await handler.handle(request(numbers(3)))).messages).toHaveLength(3);
  });

  it('holds nothing for a batch scheduled for later: it is reserved (and refused, if so) when it is released', async () => {
    await view.saveBalance(report(4, 0));
    const scheduled = await handler.handle(request(numbers(2), { scheduledAt: '2026-11-24T10:00:00.000Z' }));
    expect(scheduled.messages.map((m) => m.status)).toEqual(['SCHEDULED', 'SCHEDULED']);
    expect(pending.of('acc-1')).toBe(0);
  });

  it('refuses nobody for money when the view has no balance for the account, no price in force, or prices in another currency', async () => {
    expect((await handler.handle(request(numbers(3)))).rejected).toEqual([]);
    await view.saveBalance(report(4, 0));
    const other = new InMemoryBalanceView();
    await other.saveBalance(report(4, 0));
    const noPrices = new SendMessagesHandler(batchCommandHandler(store, dispatchCodec), directory, clock, undefined, undefined, undefined, undefined, new SendBudgets(other, pending));
    expect((await noPrices.handle(request(numbers(3)))).rejected).toEqual([]);
    await other.savePriceVersion({ version: 1, currency: 'USD', effectiveAt: '1970-01-01T00:00:00.000Z', publishedAt: '1970-01-01T00:00:00.000Z', prices: [{ kind: 'verification', country: 'CN', unitPriceMinor: 1 }] });
    expect((await noPrices.handle(request(numbers(3)))).rejected).toEqual([]);
    // The same account with the view of prices in its currency: refused.
    await expect(handler.handle(request(numbers(1)))).rejects.toBeInstanceOf(DomainError);
  });
});
