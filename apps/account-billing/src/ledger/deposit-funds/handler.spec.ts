import { type EventStore, InMemoryEventStore, WrongExpectedVersionError } from '@sms/event-store';
import { type Clock, deterministicId } from '@sms/service-kit';
import { type AccountCommands, accountCommands } from '../application/command-handlers';
import { decide } from '../domain/account.decider';
import { accountStream } from '../domain/account.events';
import { GetAccountHandler } from '../get-account/handler';
import { DepositFundsHandler, MAX_REFERENCE_LENGTH } from './handler';

const clock: Clock = { now: () => new Date('2025-03-01T08:00:00.000Z') };

/** Writes that land but whose caller never hears back (a timeout): the outcome is unknown to it. */
class FlakyStore extends InMemoryEventStore {
  failNext = false;
  override appendToStream(...args: Parameters<EventStore['appendToStream']>) {
    if (this.failNext) {
      this.failNext = false;
      return super.appendToStream(...args).then(() => Promise.reject(new Error('connection reset')));
    }
    return super.appendToStream(...args);
  }
}

async function openAccount(commands: AccountCommands, accountId = 'a1'): Promise<void> {
  const open = { type: 'OpenAccount' as const, accountId, name: 'Acme', contactEmail: 'a@acme.test', currency: 'CNY', at: clock.now() };
  await commands.handle(accountStream(accountId), (state) => decide(open, state), { eventId: () => deterministicId(accountId, 'opened') });
}

async function setup(store: EventStore = new InMemoryEventStore()) {
  const commands = accountCommands(store);
  await openAccount(commands);
  return { store, commands, deposits: new DepositFundsHandler(commands, clock), accounts: new GetAccountHandler(commands) };
}

describe('DepositFundsHandler', () => {
  it('deposits exact minor units once per reference: a repeat answers the original deposit and appends nothing', async () => {
    const { store, deposits, accounts } = await setup();

    const first = await deposits.handle({ accountId: 'a1', amount: '100.00', reference: 'wire-001' });
    const again = await deposits.handle({ accountId: 'a1', amount: '100', reference: 'wire-001' });

    expect(first).toEqual({ reference: 'wire-001', amountMinor: 1_000_000n, balanceMinor: 1_000_000n, depositedAt: '2025-03-01T08:00:00.000Z', created: true });
    expect(again).toEqual({ ...first, created: false });
    const events = await store.readStream(accountStream('a1'));
    expect(events.map((e) => [e.type, e.id])).toEqual([
      ['account-billing.AccountOpened.v1', deterministicId('a1', 'opened')],
      ['account-billing.FundsDeposited.v1', deterministicId('a1', 'deposit', 'wire-001')],
    ]);
    expect(events[1].data).toEqual({ amountMinor: '1000000', reference: 'wire-001', depositedAt: '2025-03-01T08:00:00.000Z', balanceAfterMinor: '1000000', reservedAfterMinor: '0' });
    await expect(accounts.handle('a1')).resolves.toMatchObject({ balanceMinor: 1_000_000n, availableMinor: 1_000_000n });
  });

  it('answers a repeat with the balance right after the original deposit, not the current one', async () => {
    const { deposits } = await setup();
    await deposits.handle({ accountId: 'a1', amount: '1', reference: 'r1' });
    await deposits.handle({ accountId: 'a1', amount: '2', reference: 'r2' });
    await expect(deposits.handle({ accountId: 'a1', amount: '1', reference: 'r1' })).resolves.toMatchObject({ balanceMinor: 10_000n, created: false });
  });

  it('refuses a reference reused with another amount IDEMPOTENCY_KEY_REUSED', async () => {
    const { deposits } = await setup();
    await deposits.handle({ accountId: 'a1', amount: '100.00', reference: 'wire-001' });
    await expect(deposits.handle({ accountId: 'a1', amount: '5', reference: 'wire-001' })).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it.each(['1.23456', '0', '-5', 'ten', '1e3', ''])('refuses the amount %p INVALID_AMOUNT', async (amount) => {
    const { deposits } = await setup();
    await expect(deposits.handle({ accountId: 'a1', amount, reference: 'bad' })).rejects.toMatchObject({ code: 'INVALID_AMOUNT' });
  });

  it.each([
    ['empty', '  '],
    ['too long', 'x'.repeat(MAX_REFERENCE_LENGTH + 1)],
  ])('refuses a reference that is %s VALIDATION_FAILED', async (_case, reference) => {
    const { deposits } = await setup();
    await expect(deposits.handle({ accountId: 'a1', amount: '1', reference })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses a deposit to an account that does not exist ACCOUNT_NOT_FOUND', async () => {
    const { deposits } = await setup();
    await expect(deposits.handle({ accountId: 'nope', amount: '1', reference: 'r' })).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
  });

  it('after a write with an unknown outcome, forgets the cache and decides on what the store holds', async () => {
    const store = new FlakyStore();
    const { deposits, accounts } = await setup(store);
    store.failNext = true;
    await expect(deposits.handle({ accountId: 'a1', amount: '0.01', reference: 'r1' })).rejects.toThrow('connection reset');
    // The retry sees the deposit that did get written and appends nothing.
    await expect(deposits.handle({ accountId: 'a1', amount: '0.01', reference: 'r1' })).resolves.toMatchObject({ created: false, balanceMinor: 100n });
    expect((await accounts.handle('a1')).balanceMinor).toBe(100n);
    expect(await store.readStream(accountStream('a1'))).toHaveLength(2);
  });

  it('rebuilds the cache when a duplicate append lands on another revision than expected', async () => {
    const store = new InMemoryEventStore();
    const a = await setup(store);
    const bCommands = accountCommands(store);
    const b = { deposits: new DepositFundsHandler(bCommands, clock), accounts: new GetAccountHandler(bCommands) };
    await b.accounts.handle('a1'); // b caches revision 0
    // a deposits r1 and then r2; b, still at revision 0, deposits r1 again: the same derived event id.
    await a.deposits.handle({ accountId: 'a1', amount: '0.01', reference: 'r1' });
    await a.deposits.handle({ accountId: 'a1', amount: '0.0005', reference: 'r2' });
    await expect(b.deposits.handle({ accountId: 'a1', amount: '0.01', reference: 'r1' })).resolves.toMatchObject({ balanceMinor: 100n });
    expect((await b.accounts.handle('a1')).balanceMinor).toBe(105n);
    expect(await store.readStream(accountStream('a1'))).toHaveLength(3);
  });

  it('gives up with the conflict after 5 conflicting appends, and succeeds once the store settles', async () => {
    const store = new InMemoryEventStore();
    const { deposits } = await setup(store);
    const original = store.appendToStream.bind(store);
    let calls = 0;
    store.appendToStream = async (...args) => {
      calls++;
      throw new WrongExpectedVersionError(args[0], 0n, 1n);
    };
    await expect(deposits.handle({ accountId: 'a1', amount: '0.01', reference: 'r1' })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(calls).toBe(5);
    store.appendToStream = original;
    await expect(deposits.handle({ accountId: 'a1', amount: '0.01', reference: 'r1' })).resolves.toMatchObject({ created: true, balanceMinor: 100n });
  });
});
