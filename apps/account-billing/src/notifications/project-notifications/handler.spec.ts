import { notificationOf } from '../application/notification-store.contract';
import { InMemoryNotificationStore } from '../test-support';
import { ProjectNotificationsHandler } from './handler';

const recorded = (id: string, accountId = 'acc-a') => ({ accountId, event: { type: 'NotificationRecorded' as const, data: notificationOf(id, accountId) } });
const erased = (scope: 'account' | 'retention', accountId = 'acc-a') => ({
  accountId,
  event: { type: 'AccountDataErased' as const, data: { scope, before: scope === 'retention' ? '2026-01-01T00:00:00.000Z' : undefined, reason: 'r', erasedBy: 'ak', erasedAt: '2026-11-23T10:00:00.000Z' } },
});

describe('ProjectNotificationsHandler', () => {
  it('lists each recorded notification once and queues its e-mail; a redelivery queues nothing', async () => {
    const store = new InMemoryNotificationStore();
    const handler = new ProjectNotificationsHandler(store);
    expect(await handler.project([recorded('n-1'), recorded('n-2', 'acc-b')])).toBe(2);
    expect(await handler.project([recorded('n-1')])).toBe(0);
    expect((await store.dueEmails('2026-11-23T10:00:00.000Z', 10)).map((e) => e.notificationId)).toEqual(['n-1', 'n-2']);
  });

  it('deletes an erased account’s notifications and lists none recorded after (ADR 0017); retention leaves them', async () => {
    const store = new InMemoryNotificationStore();
    const handler = new ProjectNotificationsHandler(store);
    await handler.project([recorded('n-1'), recorded('n-2', 'acc-b'), erased('retention')]);
    expect((await store.list('acc-a', 10)).map((n) => n.notificationId)).toEqual(['n-1']);
    expect(await handler.project([erased('account'), recorded('n-3')])).toBe(0);
    expect(await store.list('acc-a', 10)).toEqual([]);
    expect((await store.dueEmails('2026-11-23T10:00:00.000Z', 10)).map((e) => e.notificationId)).toEqual(['n-2']);
  });
});
