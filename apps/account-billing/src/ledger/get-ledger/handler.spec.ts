import { ephemeralDataProtection } from '@sms/data-protection';
import { InMemoryEventStore } from '@sms/event-store';
import { deterministicId } from '@sms/service-kit';
import { protectedAccountBillingCodecs } from '../../account-billing.codec';
import { accountCommands } from '../application/command-handlers';
import type { AccountCommand } from '../domain/account.commands';
import { decide } from '../domain/account.decider';
import { accountStream } from '../domain/account.events';
import { GetLedgerHandler, MAX_LEDGER_PAGE } from './handler';

const at = new Date('2025-03-01T08:00:00.000Z');

/** Given an opened account with three deposits and a reservation (revisions 0–4). */
async function setup(protection = ephemeralDataProtection()) {
  const store = new InMemoryEventStore();
  const codecs = protectedAccountBillingCodecs(protection.ring);
  const commands = accountCommands(store, { codec: codecs.account });
  const given: AccountCommand[] = [
    { type: 'OpenAccount', accountId: 'a1', name: 'Acme', contactEmail: 'a@acme.test', currency: 'CNY', at },
    { type: 'DepositFunds', amountMinor: 100n, reference: 'r1', at },
    { type: 'DepositFunds', amountMinor: 200n, reference: 'r2', at },
    { type: 'DepositFunds', amountMinor: 300n, reference: 'r3', at },
    { type: 'ReserveFunds', batchId: 'b1', currency: 'CNY', items: [{ messageId: 'm1', segments: 1, unitPriceMinor: 450n }], at },
  ];
  for (const [i, command] of given.entries()) await commands.handle(accountStream('a1'), (state) => decide(command, state), { eventId: (n) => deterministicId('given', String(i), String(n)) });
  return new GetLedgerHandler(store, codecs);
}

describe('GetLedgerHandler', () => {
  it("replays the same amounts once the account's data key was destroyed (crypto-shredding keeps the ledger)", async () => {
    const protection = ephemeralDataProtection();
    const handler = await setup(protection);
    const before = await handler.handle('a1');
    protection.ring.destroy('a1');
    expect(await handler.handle('a1')).toEqual(before);
  });

  it('replays the whole statement with running balances', async () => {
    const page = await (await setup()).handle('a1');
    expect(page.entries.map((e) => [e.revision, e.type, e.amountMinor, e.balanceAfterMinor, e.reservedAfterMinor])).toEqual([
      [1n, 'DEPOSIT', 100n, 100n, 0n],
      [2n, 'DEPOSIT', 200n, 300n, 0n],
      [3n, 'DEPOSIT', 300n, 600n, 0n],
      [4n, 'RESERVE', 450n, 600n, 450n],
    ]);
    expect(page.nextFromRevision).toBeUndefined();
  });

  it('pages from a revision, with balances that still count every earlier event', async () => {
    const handler = await setup();
    const page = await handler.handle('a1', 2n, 2);
    expect(page.entries.map((e) => [e.revision, e.balanceAfterMinor])).toEqual([
      [2n, 300n],
      [3n, 600n],
    ]);
    expect(page.nextFromRevision).toBe(4n);
    const last = await handler.handle('a1', 4n, 2);
    expect(last.entries.map((e) => e.revision)).toEqual([4n]);
    expect(last.nextFromRevision).toBeUndefined();
  });

  it.each([
    ['a negative fromRevision', -1n, 10],
    ['a limit of 0', 0n, 0],
    ['a limit above the maximum', 0n, MAX_LEDGER_PAGE + 1],
    ['a fractional limit', 0n, 1.5],
  ])('refuses %s VALIDATION_FAILED', async (_case, fromRevision, limit) => {
    await expect((await setup()).handle('a1', fromRevision, limit)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('answers ACCOUNT_NOT_FOUND for an account that does not exist', async () => {
    await expect((await setup()).handle('nope')).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
  });
});
