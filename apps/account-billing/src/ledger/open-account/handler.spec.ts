import { AccountBillingConfig } from '../../account-billing.config';
import { type EventStore, InMemoryEventStore } from '@sms/event-store';
import { type Clock, deterministicId } from '@sms/service-kit';
import { PriceCatalogueService } from '../../pricing/application/price-catalogue.service';
import { accountCommands } from '../application/command-handlers';
import type { OpenAccount } from '../domain/account.commands';
import { decide } from '../domain/account.decider';
import { accountStream } from '../domain/account.events';
import { OpenAccountHandler } from './handler';

const clock: Clock = { now: () => new Date('2025-03-01T08:00:00.000Z') };

/** Remembers which streams were appended to. */
class RecordingStore extends InMemoryEventStore {
  readonly appendedTo: string[] = [];
  override appendToStream(...args: Parameters<EventStore['appendToStream']>) {
    this.appendedTo.push(args[0]);
    return super.appendToStream(...args);
  }
}

function setup() {
  const store = new RecordingStore();
  return { store, handler: new OpenAccountHandler(accountCommands(store), new PriceCatalogueService(store, clock), new AccountBillingConfig(), clock) };
}

describe('OpenAccountHandler', () => {
  it('opens an ACTIVE account with zero balance in CNY by default, as one event with an id derived from the account', async () => {
    const { store, handler } = setup();

    const view = await handler.handle({ name: ' Acme Ltd ', contactEmail: 'billing@acme.example' });

    expect(view).toEqual({
      accountId: expect.any(String),
      status: 'ACTIVE',
      name: 'Acme Ltd',
      currency: 'CNY',
      balanceMinor: 0n,
      reservedMinor: 0n,
      availableMinor: 0n,
      openedAt: '2025-03-01T08:00:00.000Z',
      enabledAt: '2025-03-01T08:00:00.000Z',
      refundedMinor: 0n,
    });
    const [opened] = await store.readStream(accountStream(view.accountId));
    expect(opened).toMatchObject({ id: deterministicId(view.accountId, 'opened'), type: 'account-billing.AccountOpened.v1', revision: 0n });
    expect(opened.data).toEqual({ accountId: view.accountId, name: 'Acme Ltd', contactEmail: 'billing@acme.example', currency: 'CNY', openedAt: '2025-03-01T08:00:00.000Z' });
  });

  it('accepts a currency the catalogue prices, in any case', async () => {
    await expect(setup().handler.handle({ name: 'Acme', contactEmail: 'a@acme.test', currency: 'cny' })).resolves.toMatchObject({ currency: 'CNY' });
  });

  it.each([
    ['an empty name', { name: '  ', contactEmail: 'a@acme.test' }, /name/],
    ['a contact that is not an email address', { name: 'Acme', contactEmail: 'nope' }, /contactEmail/],
    ['a currency the catalogue does not price', { name: 'Acme', contactEmail: 'a@acme.test', currency: 'USD' }, /USD is not priced.*supported: CNY/],
  ])('refuses %s with VALIDATION_FAILED and opens nothing', async (_case, command, detail) => {
    const { store, handler } = setup();
    await expect(handler.handle(command)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.stringMatching(detail) });
    expect(store.appendedTo.filter((stream) => stream.startsWith('account-'))).toEqual([]);
  });

  it('opens a new stream, and a second open of an existing account is a no-op (a retried open)', async () => {
    const store = new InMemoryEventStore();
    const open: OpenAccount = { type: 'OpenAccount', accountId: 'a1', name: 'Acme', contactEmail: 'a@acme.test', currency: 'CNY', at: clock.now() };
    await expect(accountCommands(store).handle(accountStream('a1'), (state) => decide(open, state), { eventId: () => deterministicId('open') })).resolves.toMatchObject({
      ok: true,
      revision: 0n,
    });
    await expect(accountCommands(store).handle(accountStream('a1'), (state) => decide(open, state), { eventId: () => deterministicId('open-2') })).resolves.toMatchObject({
      ok: true,
      events: [],
    });
    expect(await store.readStream(accountStream('a1'))).toHaveLength(1);
  });
});
