import { ephemeralDataProtection } from '@sms/data-protection';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { webhookStoreContract } from '../application/webhook-store.contract';
import { SqliteWebhookStore } from './sqlite-webhook-store';

webhookStoreContract('SQLite', async () => {
  const db = new DatabaseSync(':memory:');
  const store = new SqliteWebhookStore(db, ephemeralDataProtection().ring);
  return { subscriptions: store, outbox: store, unitOfWork: new SqliteReadModelDatabase(db), close: async () => db.close() };
});

describe('SqliteWebhookStore at rest', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dispatch-webhooks-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const bytesOf = (directory: string) => Buffer.concat(readdirSync(directory).map((f) => readFileSync(join(directory, f))));

  it('keeps the secret and the queued bodies (numbers, replies) sealed; a settled delivery keeps no body', async () => {
    const { ring } = ephemeralDataProtection();
    const db = new DatabaseSync(join(dir, 'dispatch-webhooks.db'));
    const store = new SqliteWebhookStore(db, ring);
    const unit = new SqliteReadModelDatabase(db);
    await unit.transaction(() => store.save({ accountId: 'acc-1', url: 'https://hooks.example.com/sms', secret: 'the-very-secret-secret', updatedAt: '2026-11-23T10:00:00.000Z' }));
    const body = JSON.stringify({ id: 'e-1', data: { phoneNumber: '+8613800138000', content: '退订请回复TD' } });
    await unit.transaction(() => store.enqueue({ eventId: 'e-1', accountId: 'acc-1', eventType: 'sms.inbound-message.v1', body, queuedAt: 1 }));
    await unit.transaction(() => store.enqueue({ eventId: 'e-2', accountId: 'acc-1', eventType: 'sms.inbound-message.v1', body, queuedAt: 1 }));
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const stored = bytesOf(dir);
    expect(stored.includes('https://hooks.example.com/sms')).toBe(true);
    for (const secret of ['the-very-secret-secret', '8613800138000', Buffer.from('退订请回复TD').toString()]) expect([secret, stored.includes(secret)]).toEqual([secret, false]);
    expect((await store.due('acc-1', 1, 10, new Set()))[0]?.body).toBe(body);
    await unit.transaction(() => store.delivered('e-1', 1, 2));
    expect((db.prepare('SELECT body FROM webhook_deliveries WHERE event_id = ?').get('e-1') as { body: string | null }).body).toBeNull();
    db.close();
  });

  it('after the account was erased (its keys destroyed): no secret, no body to send, nothing new queued', async () => {
    const { ring } = ephemeralDataProtection();
    const db = new DatabaseSync(':memory:');
    const store = new SqliteWebhookStore(db, ring);
    await store.save({ accountId: 'acc-1', url: 'https://hooks.example.com/sms', secret: 'the-very-secret-secret', updatedAt: '2026-11-23T10:00:00.000Z' });
    await store.enqueue({ eventId: 'e-1', accountId: 'acc-1', eventType: 'sms.delivery-report.v1', body: '{}', queuedAt: 1 });
    ring.destroy('acc-1');
    expect(await store.find('acc-1')).toBeUndefined();
    expect((await store.due('acc-1', 1, 10, new Set()))[0]).toMatchObject({ eventId: 'e-1', body: undefined });
    expect(await store.enqueue({ eventId: 'e-2', accountId: 'acc-1', eventType: 'sms.delivery-report.v1', body: '{}', queuedAt: 1 })).toBe(false);
    db.close();
  });

  it('finds due deliveries and the next due time through the partial indexes, never a scan of settled rows', () => {
    const db = new DatabaseSync(':memory:');
    new SqliteWebhookStore(db, ephemeralDataProtection().ring);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(
      plan(
        `SELECT event_id FROM webhook_deliveries INDEXED BY webhook_deliveries_due WHERE account_id = 'a' AND state = 'PENDING' AND next_attempt_at <= 5 ORDER BY next_attempt_at LIMIT 5`,
      ),
    ).toContain('USING INDEX webhook_deliveries_due');
    expect(plan(`SELECT min(next_attempt_at) FROM webhook_deliveries WHERE state = 'PENDING'`)).toContain('webhook_deliveries_next');
    db.close();
  });
});
