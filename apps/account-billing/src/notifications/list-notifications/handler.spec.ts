import { InMemoryEventStore } from '@sms/event-store';
import { accountCommands } from '../../ledger/application/command-handlers';
import { decide } from '../../ledger/domain/account.decider';
import { accountStream } from '../../ledger/domain/account.events';
import { notificationOf } from '../application/notification-store.contract';
import { InMemoryNotificationStore } from '../test-support';
import { decodeCursor, encodeCursor, ListNotificationsHandler } from './handler';

async function setup(count: number) {
  const commands = accountCommands(new InMemoryEventStore());
  const open = { type: 'OpenAccount' as const, accountId: 'acc-a', name: 'Acme', contactEmail: 'a@acme.example', currency: 'CNY', at: new Date('2026-11-23T10:00:00.000Z') };
  await commands.handle(accountStream('acc-a'), (state) => decide(open, state));
  const store = new InMemoryNotificationStore();
  await store.db.transaction(async () => {
    for (let i = 1; i <= count; i++) await store.record(notificationOf(`n-${i}`));
  });
  return new ListNotificationsHandler(store, commands);
}

describe('ListNotificationsHandler', () => {
  it('pages an account’s notifications newest first with an opaque cursor, absent on the last page', async () => {
    const handler = await setup(5);
    const first = await handler.handle({ accountId: 'acc-a', limit: 2 });
    expect(first.items.map((n) => n.notificationId)).toEqual(['n-5', 'n-4']);
    const second = await handler.handle({ accountId: 'acc-a', limit: 2, cursor: first.nextCursor });
    expect(second.items.map((n) => n.notificationId)).toEqual(['n-3', 'n-2']);
    const last = await handler.handle({ accountId: 'acc-a', limit: 2, cursor: second.nextCursor });
    expect(last).toEqual({ items: [expect.objectContaining({ notificationId: 'n-1' })] });
    // Exactly a page left: no cursor to an empty page.
    expect((await handler.handle({ accountId: 'acc-a', limit: 5 })).nextCursor).toBeUndefined();
    expect((await handler.handle({ accountId: 'acc-a' })).items).toHaveLength(5);
  });

  it('answers an account that does not exist with ACCOUNT_NOT_FOUND, and an account with none with an empty page', async () => {
    const handler = await setup(0);
    await expect(handler.handle({ accountId: 'acc-x' })).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    expect(await handler.handle({ accountId: 'acc-a' })).toEqual({ items: [] });
  });

  it.each([['garbage'], [encodeCursor(1).slice(1)], [Buffer.from('n:-1').toString('base64url')]])('refuses the cursor %j it never gave out', async (cursor) => {
    await expect((await setup(1)).handle({ accountId: 'acc-a', cursor })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it.each([0, 501, 1.5])('refuses limit %p (1–500)', async (limit) => {
    await expect((await setup(1)).handle({ accountId: 'acc-a', limit })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('round-trips its cursor', () => {
    expect(decodeCursor(encodeCursor(42))).toBe(42);
  });
});
