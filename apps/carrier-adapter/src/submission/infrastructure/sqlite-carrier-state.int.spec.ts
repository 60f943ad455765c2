import { ephemeralDataProtection } from '@sms/data-protection';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { CarrierState } from '../application/carrier-state.port';
import { carrierStateContract } from '../application/carrier-state.contract';
import { carrierStateFailoverContract } from '../application/carrier-state-failover.contract';
import { SqliteCarrierState } from './sqlite-carrier-state';

const { ring } = ephemeralDataProtection();
const files = new Map<CarrierState, string>();
carrierStateContract('SQLite file', async (previous) => {
  const path = previous ? (files.get(previous) as string) : join(mkdtempSync(join(tmpdir(), 'carrier-state-')), 'carrier-adapter.db');
  const state = new SqliteCarrierState(new DatabaseSync(path), ring);
  files.set(state, path);
  return state;
});
carrierStateFailoverContract('SQLite file', async (previous) => {
  const path = previous ? (files.get(previous) as string) : join(mkdtempSync(join(tmpdir(), 'carrier-state-')), 'carrier-adapter.db');
  const state = new SqliteCarrierState(new DatabaseSync(path), ring);
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
    const state = new SqliteCarrierState(db, ring);

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

describe('SqliteCarrierState upgrade to kept receipts (ADR 0039)', () => {
  it('opens a file written before unmatched receipts were kept: its id map still matches, and early receipts are kept from now on', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'carrier-state-')), 'carrier-adapter.db');
    const submitted = (messageId: string, op: string) => ({
      channelId: 'ch',
      result: { messageId, batchId: 'b-1', accountId: 'acc-1', status: 'SUBMITTED' as const, segmentsSubmitted: 1, segmentsFailed: 0, operatorMessageIds: [op], submittedAt: '2026-11-23T10:00:01.000Z' },
    });
    const receipt = (op: string) => ({ channelId: 'ch', operatorMessageId: op, status: 'DELIVERED' as const, doneAt: '2026-11-23T10:00:05.000Z' });
    const nothing = { submissions: [], receipts: [], inbound: [] };
    const old = new DatabaseSync(path);
    const before = new SqliteCarrierState(old, ring);
    await before.enqueue('e-1', {
      batchId: 'b-1',
      accountId: 'acc-1',
      channelId: 'ch',
      routedAt: '2026-11-23T10:00:00.000Z',
      messages: ['m-1', 'm-2'].map((messageId) => ({ messageId, phoneNumber: '+8613800138000', text: '【测试】您好', segments: 1, operator: 'CMCC' as const })),
    });
    await before.record({ ...nothing, submissions: [submitted('m-1', 'op-1')] });
    // The layout before ADR 0039 is this one without the table.
    old.exec('DROP TABLE unmatched_receipts');
    old.close();

    const db = new DatabaseSync(path);
    const state = new SqliteCarrierState(db, ring);
    await state.record({ ...nothing, receipts: [receipt('op-2')] });
    expect(await state.unmatchedReceipts('ch')).toBe(1);
    await state.record({ ...nothing, submissions: [submitted('m-2', 'op-2')], receipts: [receipt('op-1')] });
    const reported = (await state.outbox(10)).filter((e) => e.kind === 'delivery').flatMap((e) => e.items.map((i) => (i as { messageId: string }).messageId));
    expect(reported.sort()).toEqual(['m-1', 'm-2']);
    expect(await state.unmatchedReceipts()).toBe(0);
    db.close();
  });
});

describe('SqliteCarrierState: numbers and texts at rest (ADR 0016)', () => {
  const tempPath = () => join(mkdtempSync(join(tmpdir(), 'carrier-state-')), 'carrier-adapter.db');
  /** Whether any byte of the file or its WAL spells `text`. */
  const onDisk = (path: string, text: string) => [path, `${path}-wal`].some((file) => existsSync(file) && readFileSync(file).includes(text));
  const nothing = { submissions: [], receipts: [], inbound: [] };
  const routedBatch = (accountId = 'acc-1', batchId = 'b-1') => ({
    batchId,
    accountId,
    channelId: 'ch',
    routedAt: '2026-11-23T10:00:00.000Z',
    messages: [0, 1, 2].map((i) => ({ messageId: `${batchId}-m-${i}`, phoneNumber: `+86138001380${i}${i}`, text: i === 2 ? 'Hello there' : '【测试】您好', segments: 1, operator: 'CMCC' as const })),
  });
  const submitted = (messageId: string, op: string, accountId = 'acc-1') => ({
    channelId: 'ch',
    result: { messageId, batchId: 'b-1', accountId, status: 'SUBMITTED' as const, segmentsSubmitted: 1, segmentsFailed: 0, operatorMessageIds: [op], submittedAt: '2026-11-23T10:00:01.000Z' },
  });

  it('keeps no number or text in clear through queue, receipts, replies and outbox, and drops the texts with the last answer', async () => {
    const path = tempPath();
    const db = new DatabaseSync(path);
    db.exec('PRAGMA journal_mode = WAL');
    const state = new SqliteCarrierState(db, ring);
    await state.enqueue('e-1', routedBatch());
    expect((await state.queued(0, 10)).map((q) => [q.phoneNumber, q.text])).toEqual([
      ['+8613800138000', '【测试】您好'],
      ['+8613800138011', '【测试】您好'],
      ['+8613800138022', 'Hello there'],
    ]);
    await state.record({ ...nothing, submissions: [submitted('b-1-m-0', 'op-0'), submitted('b-1-m-1', 'op-1')] });
    expect(db.prepare('SELECT texts IS NOT NULL AS texts FROM routed_batches').get()).toEqual({ texts: 1 });
    await state.record({
      ...nothing,
      submissions: [submitted('b-1-m-2', 'op-2')],
      receipts: [{ channelId: 'ch', operatorMessageId: 'op-1', status: 'DELIVERED', doneAt: '2026-11-23T10:00:05.000Z' }],
      inbound: [{ channelId: 'ch', message: { inboundId: 'i-1', from: '+8613800138011', to: '10690000', content: '退订吧', receivedAt: '2026-11-23T10:00:06.000Z' } }],
    });
    expect(db.prepare('SELECT texts FROM routed_batches').get()).toEqual({ texts: null });
    const outbox = await state.outbox(10);
    expect(outbox.find((e) => e.kind === 'delivery')?.items).toEqual([expect.objectContaining({ messageId: 'b-1-m-1', phoneNumber: '+8613800138011' })]);
    expect(outbox.find((e) => e.kind === 'inbound')?.items).toEqual([{ inboundId: 'i-1', from: '+8613800138011', to: '10690000', content: '退订吧', receivedAt: '2026-11-23T10:00:06.000Z' }]);
    for (const text of ['13800138000', '13800138011', '13800138022', '您好', 'Hello there', '退订吧']) expect(onDisk(path, text)).toBe(false);
    expect(onDisk(path, 'b-1-m-1')).toBe(true);
    db.close();
  });

  it("hands out placeholders for a batch whose account's key was destroyed, and echoes no number for it", async () => {
    const protection = ephemeralDataProtection();
    const state = new SqliteCarrierState(new DatabaseSync(':memory:'), protection.ring);
    await state.enqueue('e-1', routedBatch('acc-2'));
    await state.record({ ...nothing, submissions: [submitted('b-1-m-0', 'op-0', 'acc-2')] });
    protection.ring.destroy('acc-2');
    const fresh = new SqliteCarrierState(new DatabaseSync(':memory:'), protection.ring);
    await fresh.enqueue('e-2', routedBatch('acc-2', 'b-2'));
    expect((await fresh.queued(0, 10)).map((q) => q.phoneNumber)).toEqual(Array(3).fill(PERSONAL_DATA_DESTROYED));
    // Its receipt still reports (ids and status), without a number to echo.
    await state.record({ ...nothing, receipts: [{ channelId: 'ch', operatorMessageId: 'op-0', status: 'DELIVERED', doneAt: '2026-11-23T10:00:05.000Z' }] });
    const [delivery] = (await state.outbox(10)).filter((e) => e.kind === 'delivery').flatMap((e) => e.items);
    expect(delivery).toMatchObject({ messageId: 'b-1-m-0', status: 'DELIVERED' });
    expect(delivery).not.toHaveProperty('phoneNumber');
  });

  it('seals what a file of the ADR 0012 layout kept in clear: queued texts, numbers, and the outbox', async () => {
    const path = tempPath();
    const old = new DatabaseSync(path);
    old.exec(`PRAGMA journal_mode = WAL;
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      INSERT INTO meta VALUES ('instance_id', 'old-instance');
      CREATE TABLE carrier_messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL, batch_id TEXT NOT NULL,
        channel_id TEXT NOT NULL, phone_number TEXT NOT NULL, text TEXT, segments INTEGER NOT NULL, operator TEXT, out_id TEXT,
        done INTEGER NOT NULL DEFAULT 0, expected INTEGER, submitted_at TEXT, receipts TEXT, reported INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX carrier_messages_queued ON carrier_messages (seq) WHERE done = 0;
      CREATE TABLE parts (channel_id TEXT NOT NULL, operator_message_id TEXT NOT NULL, message_id TEXT NOT NULL, PRIMARY KEY (channel_id, operator_message_id)) WITHOUT ROWID;
      CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, channel_id TEXT NOT NULL, payload TEXT NOT NULL, handed_out INTEGER NOT NULL DEFAULT 1);
      CREATE TABLE inbox (consumer TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (consumer, event_id)) WITHOUT ROWID;
      INSERT INTO carrier_messages (message_id, account_id, batch_id, channel_id, phone_number, text, segments, operator, done, expected, submitted_at, receipts) VALUES
        ('m-1', 'acc-1', 'b-1', 'ch', '+8613800138077', NULL, 2, 'CMCC', 1, 2, '2026-11-23T10:00:01.000Z', '[]'),
        ('m-2', 'acc-1', 'b-1', 'ch', '+8613800138088', '【旧】秘密', 1, 'CMCC', 0, NULL, NULL, NULL);
      INSERT INTO parts VALUES ('ch', 'op-1', 'm-1'), ('ch', 'op-2', 'm-1');
      INSERT INTO outbox (kind, channel_id, payload) VALUES
        ('delivery', 'ch', '[{"messageId":"m-1","batchId":"b-1","accountId":"acc-1","operatorMessageId":"op-0","status":"DELIVERED","doneAt":"2026-11-23T10:00:02.000Z","phoneNumber":"+8613800138077"}]'),
        ('inbound', 'ch', '[{"inboundId":"i-1","from":"+8613800138099","to":"10690000","content":"老的回复","receivedAt":"2026-11-23T10:00:03.000Z"}]');`);
    old.close();
    const db = new DatabaseSync(path);
    const state = new SqliteCarrierState(db, ring);
    expect(state.instanceId).toBe('old-instance');
    expect((await state.queued(0, 10)).map((q) => [q.messageId, q.phoneNumber, q.text])).toEqual([['m-2', '+8613800138088', '【旧】秘密']]);
    const outbox = await state.outbox(10);
    expect(outbox.map((e) => e.items)).toEqual([
      [expect.objectContaining({ messageId: 'm-1', phoneNumber: '+8613800138077' })],
      [{ inboundId: 'i-1', from: '+8613800138099', to: '10690000', content: '老的回复', receivedAt: '2026-11-23T10:00:03.000Z' }],
    ]);
    await state.record({ ...nothing, receipts: ['op-1', 'op-2'].map((op) => ({ channelId: 'ch', operatorMessageId: op, status: 'DELIVERED' as const, doneAt: '2026-11-23T10:00:04.000Z' })) });
    expect((await state.outbox(10)).at(-1)?.items).toEqual([expect.objectContaining({ messageId: 'm-1', phoneNumber: '+8613800138077' })]);
    db.close();
    for (const text of ['13800138077', '13800138088', '13800138099', '秘密', '老的回复']) expect(onDisk(path, text)).toBe(false);
  });
});
