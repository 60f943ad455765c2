import { openSqlite } from '@sms/service-kit';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notificationOf, notificationStoreContract } from '../application/notification-store.contract';
import { SqliteNotificationStore } from './sqlite-notification-store';

notificationStoreContract('SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notifications-'));
  const db = openSqlite(join(dir, 'account-billing.db'));
  return {
    store: new SqliteNotificationStore(db),
    unitOfWork: new SqliteReadModelDatabase(db),
    close: async () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteNotificationStore', () => {
  it('keeps everything across a reopen of the file, and reads the due e-mails through the partial index', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notifications-'));
    try {
      const first = openSqlite(join(dir, 'account-billing.db'));
      const store = new SqliteNotificationStore(first);
      await new SqliteReadModelDatabase(first).transaction(async () => {
        await store.record(notificationOf('n-1'));
        await store.rememberAccounts(new Map([['acc-a', { status: 'FROZEN' as const, erased: false }]]));
      });
      first.close();
      const second = openSqlite(join(dir, 'account-billing.db'));
      const reopened = new SqliteNotificationStore(second);
      expect((await reopened.list('acc-a', 10)).map((n) => [n.notificationId, n.email.status])).toEqual([['n-1', 'PENDING']]);
      expect(await reopened.knownAccounts(['acc-a'])).toEqual(new Map([['acc-a', { status: 'FROZEN', erased: false }]]));
      const plan = second
        .prepare("EXPLAIN QUERY PLAN SELECT notification_id FROM notification_emails WHERE status = 'PENDING' AND next_attempt_at <= ?")
        .all('2026-01-01') as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join(' ')).toContain('notification_emails_due');
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
