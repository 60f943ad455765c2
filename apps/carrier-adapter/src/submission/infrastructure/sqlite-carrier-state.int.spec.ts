import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { CarrierState } from '../application/carrier-state.port';
import { carrierStateContract } from '../application/carrier-state.contract';
import { SqliteCarrierState } from './sqlite-carrier-state';

const files = new Map<CarrierState, string>();
carrierStateContract('SQLite file', async (previous) => {
  const path = previous ? (files.get(previous) as string) : join(mkdtempSync(join(tmpdir(), 'carrier-state-')), 'carrier-adapter.db');
  const state = new SqliteCarrierState(new DatabaseSync(path));
  files.set(state, path);
  return state;
});

describe('SqliteCarrierState upgrade', () => {
  it('moves a file of the earlier layout (queue, tracking, pending results, claims) into the new tables without losing anything', async () => {
    const db = new DatabaseSync(':memory:');
    db.exec(`
      CREATE TABLE outbound (seq INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL, batch_id TEXT NOT NULL,
        channel_id TEXT NOT NULL, phone_number TEXT NOT NULL, text TEXT NOT NULL, segments INTEGER NOT NULL, done INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE parts (channel_id TEXT NOT NULL, operator_message_id TEXT NOT NULL, message_id TEXT NOT NULL, PRIMARY KEY (channel_id, operator_message_id)) WITHOUT ROWID;
      CREATE TABLE tracking (message_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, batch_id TEXT NOT NULL, expected INTEGER NOT NULL,
        receipts TEXT NOT NULL DEFAULT '[]', reported INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE pending_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, channel_id TEXT NOT NULL, payload TEXT NOT NULL);
      CREATE TABLE processed_events (consumer TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (consumer, event_id)) WITHOUT ROWID;
      INSERT INTO outbound (message_id, account_id, batch_id, channel_id, phone_number, text, segments, done) VALUES
        ('m-done', 'acc-1', 'b-1', 'ch', '+8613800138000', 'x', 2, 1), ('m-queued', 'acc-1', 'b-1', 'ch', '+8613800138001', '【测试】y', 1, 0);
      INSERT INTO parts VALUES ('ch', 'op-1', 'm-done'), ('ch', 'op-2', 'm-done');
      INSERT INTO tracking (message_id, account_id, batch_id, expected, receipts) VALUES ('m-done', 'acc-1', 'b-1', 2, '[{"id":"op-1","status":"DELIVERED","doneAt":"2026-11-23T10:00:02.000Z"}]');
      INSERT INTO pending_events (kind, channel_id, payload) VALUES ('submission', 'ch', '[{"messageId":"m-done"}]');
      INSERT INTO processed_events VALUES ('routed', 'e-1');`);
    const state = new SqliteCarrierState(db);

    expect((await state.queued(0, 10)).map((q) => [q.messageId, q.text])).toEqual([['m-queued', '【测试】y']]);
    expect(await state.enqueue('e-1', { batchId: 'b', accountId: 'a', channelId: 'ch', routedAt: '', messages: [] })).toBe(false);
    // The second segment's receipt completes the message whose first receipt was tracked in the old layout.
    await state.record({ submissions: [], inbound: [], receipts: [{ channelId: 'ch', operatorMessageId: 'op-2', status: 'DELIVERED', doneAt: '2026-11-23T10:00:03.000Z' }] });
    const outbox = await state.outbox(10);
    expect(outbox.map((e) => e.kind)).toEqual(['submission', 'delivery']);
    expect(outbox[1].items).toEqual([
      expect.objectContaining({ messageId: 'm-done', status: 'DELIVERED', operatorMessageId: 'op-1', doneAt: '2026-11-23T10:00:03.000Z', phoneNumber: '+8613800138000', segments: 2 }),
    ]);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
    expect(tables).not.toEqual(expect.arrayContaining(['outbound']));
    expect(tables).not.toContain('pending_events');
  });
});
