import { type EventStore, InMemoryEventStore, type ReadStreamOptions } from '@sms/event-store';
import { deterministicId } from '@sms/service-kit';
import { accountCommands } from '../application/command-handlers';
import type { AccountCommand } from '../domain/account.commands';
import { decide } from '../domain/account.decider';
import { accountStream } from '../domain/account.events';
import { GetAccountHandler } from './handler';

const at = new Date('2025-03-01T08:00:00.000Z');

class CountingStore extends InMemoryEventStore {
  readonly reads: string[] = [];
  override readStream(stream: string, options?: ReadStreamOptions) {
    this.reads.push(stream);
    return super.readStream(stream, options);
  }
}

async function given(store: EventStore, accountId: string, commands: AccountCommand[]): Promise<void> {
  const handler = accountCommands(store);
  for (const [i, command] of commands.entries()) await handler.handle(accountStream(accountId), (state) => decide(command, state), { eventId: (n) => deterministicId(accountId, String(i), String(n)) });
}

describe('GetAccountHandler', () => {
  it('answers the folded account: balance, reserved and available', async () => {
    const store = new InMemoryEventStore();
    await given(store, 'a1', [
      { type: 'OpenAccount', accountId: 'a1', name: 'Acme', contactEmail: 'a@acme.test', currency: 'CNY', at },
      { type: 'DepositFunds', amountMinor: 10_000n, reference: 'r1', at },
      { type: 'ReserveFunds', batchId: 'b1', currency: 'CNY', items: [{ messageId: 'm1', segments: 2, unitPriceMinor: 450n }], at },
    ]);

    await expect(new GetAccountHandler(accountCommands(store)).handle('a1')).resolves.toEqual({
      accountId: 'a1',
      status: 'ACTIVE',
      name: 'Acme',
      currency: 'CNY',
      balanceMinor: 10_000n,
      reservedMinor: 900n,
      availableMinor: 9_100n,
      openedAt: at.toISOString(),
      enabledAt: at.toISOString(),
      refundedMinor: 0n,
    });
  });

  it('sees what another process appended since it cached the account', async () => {
    const store = new InMemoryEventStore();
    await given(store, 'a1', [{ type: 'OpenAccount', accountId: 'a1', name: 'Acme', contactEmail: 'a@acme.test', currency: 'CNY', at }]);
    const handler = new GetAccountHandler(accountCommands(store));
    await handler.handle('a1');
    await accountCommands(store).handle(accountStream('a1'), (state) => decide({ type: 'DepositFunds', amountMinor: 5n, reference: 'r', at }, state), { eventId: () => deterministicId('elsewhere') });
    await expect(handler.handle('a1')).resolves.toMatchObject({ balanceMinor: 5n });
  });

  it('answers ACCOUNT_NOT_FOUND for an account that does not exist, and does not cache the miss', async () => {
    const store = new CountingStore();
    const handler = new GetAccountHandler(accountCommands(store));
    await expect(handler.handle('nope')).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND', detail: 'Account nope does not exist.' });
    await expect(handler.handle('nope')).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    expect(store.reads.filter((s) => s === accountStream('nope'))).toHaveLength(2);
    // Opened later (by another process): found.
    await given(store, 'nope', [{ type: 'OpenAccount', accountId: 'nope', name: 'Late', contactEmail: 'l@x.test', currency: 'CNY', at }]);
    await expect(handler.handle('nope')).resolves.toMatchObject({ accountId: 'nope', status: 'ACTIVE' });
  });
});
