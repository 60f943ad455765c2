import { type EventStore, InMemoryEventStore, WrongExpectedVersionError } from '@sms/event-store';
import { deterministicId } from '@sms/service-kit';
import type { AccountCommand } from '../domain/account.commands';
import { AccountRepository } from './account-repository';

const at = new Date('2025-03-01T08:00:00.000Z');
const open: AccountCommand = { type: 'OpenAccount', accountId: 'a1', name: 'Acme', contactEmail: 'a@acme.test', currency: 'CNY', at };
const deposit = (reference: string, amountMinor = 100n): AccountCommand => ({ type: 'DepositFunds', amountMinor, reference, at });
const ids = (...parts: string[]) => ({ eventId: (i: number) => deterministicId(...parts, String(i)) });

class FlakyStore extends InMemoryEventStore {
  failNext = false;
  override appendToStream(...args: Parameters<EventStore['appendToStream']>) {
    if (this.failNext) {
      this.failNext = false;
      // Written, but the caller never hears back (e.g. a timeout): the outcome is unknown to it.
      return super.appendToStream(...args).then(() => Promise.reject(new Error('connection reset')));
    }
    return super.appendToStream(...args);
  }
}

describe('AccountRepository', () => {
  it('opens a new stream, and a second open of an existing account is a no-op', async () => {
    const store = new InMemoryEventStore();
    const repo = new AccountRepository(store);
    await expect(repo.execute('a1', open, ids('open'))).resolves.toMatchObject({ ok: true, revision: 0n });
    await expect(new AccountRepository(store).execute('a1', open, ids('open-2'))).resolves.toMatchObject({ ok: true, events: [] });
  });

  it('after a write with an unknown outcome, forgets the cache and decides on what the store holds', async () => {
    const store = new FlakyStore();
    const repo = new AccountRepository(store);
    await repo.execute('a1', open, ids('open'));
    store.failNext = true;
    await expect(repo.execute('a1', deposit('r1'), ids('d1'))).rejects.toThrow('connection reset');
    // The retry sees the deposit that did get written and appends nothing.
    await expect(repo.execute('a1', deposit('r1'), ids('d1'))).resolves.toMatchObject({ ok: true, events: [] });
    expect((await repo.find('a1'))?.balanceMinor).toBe(100n);
  });

  it('rebuilds the cache when a duplicate append lands on another revision than expected', async () => {
    const store = new InMemoryEventStore();
    const a = new AccountRepository(store);
    const b = new AccountRepository(store);
    await a.execute('a1', open, ids('open'));
    await b.find('a1');
    // a deposits r1 and then r2; b, still at revision 0, tries r1 with the same event id.
    await a.execute('a1', deposit('r1'), ids('d1'));
    await a.execute('a1', deposit('r2', 5n), ids('d2'));
    const result = await b.execute('a1', deposit('r1'), ids('d1'));
    expect(result).toMatchObject({ ok: true });
    expect((await b.find('a1'))?.balanceMinor).toBe(105n);
  });

  it('gives up with the conflict after repeated conflicts', async () => {
    const store = new InMemoryEventStore();
    const repo = new AccountRepository(store);
    await repo.execute('a1', open, ids('open'));
    const original = store.appendToStream.bind(store);
    let calls = 0;
    store.appendToStream = async (...args) => {
      calls++;
      throw new WrongExpectedVersionError(args[0], 0n, 1n);
    };
    await expect(repo.execute('a1', deposit('r1'), ids('d1'))).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(calls).toBe(5);
    store.appendToStream = original;
    await expect(repo.execute('a1', deposit('r1'), ids('d1'))).resolves.toMatchObject({ ok: true });
  });

  it('does not cache unknown accounts', async () => {
    const repo = new AccountRepository(new InMemoryEventStore());
    await expect(repo.find('nope')).resolves.toBeUndefined();
    await expect(repo.execute('nope', deposit('r'), ids('x'))).resolves.toMatchObject({ ok: false, rejection: { code: 'ACCOUNT_NOT_FOUND' } });
  });
});
