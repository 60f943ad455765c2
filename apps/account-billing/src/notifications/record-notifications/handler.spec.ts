import { InMemoryEventStore, StreamNotFoundError } from '@sms/event-store';
import { deterministicId } from '@sms/service-kit';
import { type AccountCommands, accountCommands } from '../../ledger/application/command-handlers';
import type { AccountCommand } from '../../ledger/domain/account.commands';
import { decide } from '../../ledger/domain/account.decider';
import { accountStream } from '../../ledger/domain/account.events';
import { PRICE_CATALOGUE_EVENT_TYPES, PRICE_CATALOGUE_STREAM } from '../../pricing/domain/price-catalogue';
import { notificationStream } from '../domain/notification.events';
import { notificationCodec } from '../notification.codec';
import { committedEvents, InMemoryNotificationStore } from '../test-support';
import { notificationIdOf, RecordNotificationsHandler } from './handler';

const AT = new Date('2026-11-23T10:00:00.000Z');

async function run(commands: AccountCommands, accountId: string, command: AccountCommand): Promise<void> {
  const result = await commands.handle(accountStream(accountId), (state) => decide(command, state));
  if (!result.ok) throw new Error(result.rejection.code);
}

const open = (accountId: string): AccountCommand => ({ type: 'OpenAccount', accountId, name: 'Acme', contactEmail: `${accountId}@acme.example`, currency: 'CNY', at: AT });

async function setup() {
  const store = new InMemoryEventStore();
  const commands = accountCommands(store);
  const notifications = new InMemoryNotificationStore();
  const handler = new RecordNotificationsHandler(store, notifications, notifications.db);
  const recorded = async (accountId: string) => {
    try {
      return (await store.readStream(notificationStream(accountId))).map((r) => ({ id: r.id, event: notificationCodec.decode(r) }));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  };
  return { store, commands, notifications, handler, recorded };
}

describe('RecordNotificationsHandler', () => {
  it('records a low-balance crossing once on notifications-<id>, with an id derived from its cause and account', async () => {
    const { store, commands, handler, recorded } = await setup();
    await run(commands, 'acc-1', open('acc-1'));
    await run(commands, 'acc-1', { type: 'DepositFunds', amountMinor: 50_000n, reference: 'd-1', at: AT });
    await run(commands, 'acc-1', { type: 'SetLowBalanceThreshold', thresholdMinor: 100_000n, by: 'ak_ops', at: AT });
    const batch = await committedEvents(store, [accountStream('acc-1')]);
    const crossing = batch.find((c) => c.event.type === 'LowBalanceCrossed');

    const notices = await handler.handle(batch);
    expect(notices.map((n) => n.kind)).toEqual(['LOW_BALANCE']);
    const id = deterministicId('account-billing', 'notification', crossing?.recorded.id as string, 'acc-1');
    expect(notificationIdOf(crossing?.recorded.id as string, 'acc-1')).toBe(id);
    expect(await recorded('acc-1')).toEqual([
      {
        id,
        event: {
          type: 'NotificationRecorded',
          data: {
            notificationId: id,
            accountId: 'acc-1',
            kind: 'LOW_BALANCE',
            subject: 'Low balance: 5.0000 CNY available',
            body: expect.stringContaining('below your alert threshold of 10.0000 CNY'),
            cause: { eventId: crossing?.recorded.id, type: 'LowBalanceCrossed' },
            createdAt: AT.toISOString(),
          },
        },
      },
    ]);
    // The notification's event never holds the address it is mailed to.
    expect(JSON.stringify((await store.readStream(notificationStream('acc-1')))[0].data)).not.toContain('acme.example');
  });

  it('records nothing twice when a batch is redelivered, after it committed or after a crash before its commit', async () => {
    const { store, commands, notifications, handler, recorded } = await setup();
    await run(commands, 'acc-1', open('acc-1'));
    await run(commands, 'acc-1', { type: 'SuspendAccount', kind: 'BREACH', reason: 'complaints', by: 'ak_ops', at: AT });
    const batch = await committedEvents(store, [accountStream('acc-1')]);

    // The crash: the notifications were appended, the unit of work with the checkpoint never committed.
    await expect(handler.handle(batch, async () => Promise.reject(new Error('crash')))).rejects.toThrow('crash');
    expect(await notifications.allKnownAccounts()).toEqual(new Map());
    expect(await recorded('acc-1')).toHaveLength(1);

    let committed = 0;
    await handler.handle(batch, async () => void committed++);
    await handler.handle(batch);
    expect(committed).toBe(1);
    expect((await recorded('acc-1')).map((r) => r.event?.data.subject)).toEqual(['Account suspended']);
    expect(await notifications.allKnownAccounts()).toEqual(new Map([['acc-1', { status: 'SUSPENDED', erased: false }]]));
  });

  it('announces a price change to every open account known before it, however the events were batched', async () => {
    const { store, commands, handler, recorded } = await setup();
    for (const id of ['acc-1', 'acc-2', 'acc-3', 'acc-4']) await run(commands, id, open(id));
    await run(commands, 'acc-4', { type: 'RequestTermination', basis: 'agreement', reason: 'leaving', by: 'ak_ops', at: AT });
    const priceEvent = { id: deterministicId('price', '2'), type: PRICE_CATALOGUE_EVENT_TYPES.PriceCataloguePublished };
    const data = { version: 2, currency: 'CNY', effectiveAt: '2026-12-24T00:00:00.000Z', publishedAt: AT.toISOString(), prices: [{ kind: 'notification', country: 'CN', unitPriceMinor: '500' }] };
    await store.appendToStream(PRICE_CATALOGUE_STREAM, [{ ...priceEvent, data }]);
    // An account opened after the announcement is not told of it.
    await run(commands, 'acc-5', open('acc-5'));
    const streams = ['acc-1', 'acc-2', 'acc-3', 'acc-4', 'acc-5'].map(accountStream);
    const batch = await committedEvents(store, [...streams, PRICE_CATALOGUE_STREAM]);

    // Delivered in two batches, the second starting with the announcement: the accounts come from the first's commit.
    const at = batch.findIndex((c) => c.event.type === 'PriceCataloguePublished');
    await handler.handle(batch.slice(0, at));
    const notices = await handler.handle(batch.slice(at));
    expect(notices.filter((n) => n.kind === 'PRICE_CHANGE').map((n) => n.accountId)).toEqual(['acc-1', 'acc-2', 'acc-3']);
    for (const id of ['acc-1', 'acc-2', 'acc-3']) expect((await recorded(id)).map((r) => r.event?.data.kind)).toEqual(['PRICE_CHANGE']);
    expect((await recorded('acc-4')).map((r) => r.event?.data.subject)).toEqual(['Termination requested', 'Account terminated']);
    expect(await recorded('acc-5')).toEqual([]);
  });
});
