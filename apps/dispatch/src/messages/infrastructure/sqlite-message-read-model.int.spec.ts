import { ephemeralDataProtection } from '@sms/data-protection';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { lastOutboundLookupContract } from '../../inbound/application/last-outbound.contract';
import { batchOf, messageReadModelContract } from '../application/message-read-model.contract';
import { openDispatchDatabase } from './dispatch-database';
import { SqliteMessageReadModel } from './sqlite-message-read-model';

const fixture = async () => {
  const db = new DatabaseSync(':memory:');
  const repository = new SqliteMessageReadModel(db, ephemeralDataProtection());
  return { repository, messages: repository, lookup: repository, unitOfWork: new SqliteReadModelDatabase(db), close: async () => db.close() };
};

messageReadModelContract('SQLite', fixture);
lastOutboundLookupContract('SQLite message read model', fixture);

describe('SqliteMessageReadModel on a file written before the texts moved to the write side', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dispatch-read-model-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('drops the per-message text column, keeps the rows, and moves the old claims into the inbox', async () => {
    const path = join(dir, 'dispatch.db');
    const old = new DatabaseSync(path);
    old.exec(`CREATE TABLE messages (
      message_id TEXT PRIMARY KEY, batch_id TEXT NOT NULL, account_id TEXT NOT NULL, phone_number TEXT NOT NULL,
      country_code TEXT NOT NULL, operator TEXT NOT NULL, kind TEXT NOT NULL, signature_id TEXT NOT NULL,
      template_id TEXT NOT NULL, out_id TEXT, segments INTEGER NOT NULL, encoding TEXT NOT NULL, text TEXT NOT NULL,
      status TEXT NOT NULL, error_code TEXT, error_detail TEXT, channel_id TEXT, operator_message_ids TEXT,
      accepted_at TEXT NOT NULL, submitted_at TEXT, done_at TEXT);
      INSERT INTO messages VALUES ('m-0','b-0','acc-1','+8613800138099','CN','CMCC','notification','sig-1','tpl-1',NULL,1,'ucs2','【阿里云】旧','DELIVERED',NULL,NULL,'smpp-default','["op"]','2026-11-22T10:00:00.000Z','2026-11-22T10:00:01.000Z','2026-11-22T10:00:02.000Z');
      CREATE TABLE processed_events (consumer TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (consumer, event_id)) WITHOUT ROWID;
      INSERT INTO processed_events VALUES ('receipts', 'e-1');`);
    old.close();

    const { db, readModels } = openDispatchDatabase(path);
    const messages = new SqliteMessageReadModel(db, ephemeralDataProtection());
    expect((db.prepare("SELECT name FROM pragma_table_info('messages')").all() as Array<{ name: string }>).map((c) => c.name)).not.toContain('text');
    expect(await messages.find('m-0')).toMatchObject({ status: 'DELIVERED', operatorMessageIds: ['op'], doneAt: '2026-11-22T10:00:02.000Z' });
    await readModels.transaction(() => messages.insertBatches([batchOf('b-1', ['m-1'])]));
    expect((await messages.find('m-1'))?.status).toBe('ACCEPTED');
    expect(await readModels.transaction(() => readModels.claim('receipts', 'e-1'))).toBe(false);
    expect(db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'processed_events'").get()).toBeUndefined();
    db.close();
  });
});

describe('SqliteMessageReadModel: numbers at rest (ADR 0016)', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dispatch-read-model-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Whether any byte of the file or its WAL spells `text`. */
  const onDisk = (path: string, text: string) => [path, `${path}-wal`].some((file) => existsSync(file) && readFileSync(file).includes(text));

  it('stores no number in clear: one sealed list per batch, a blind index per row', async () => {
    const path = join(dir, 'dispatch.db');
    const { db, readModels } = openDispatchDatabase(path);
    const messages = new SqliteMessageReadModel(db, ephemeralDataProtection());
    await readModels.transaction(() => messages.insertBatches([batchOf('b-1', ['m-1', 'm-2'])]));
    expect(await messages.find('m-2')).toMatchObject({ phoneNumber: '+8613800138001' });
    expect(db.prepare('SELECT count(*) AS n FROM batch_recipients').get()).toEqual({ n: 1 });
    db.close();
    expect(onDisk(path, '13800138001')).toBe(false);
    expect(onDisk(path, 'm-2')).toBe(true);
  });

  it("answers the placeholder for the numbers of an account whose key was destroyed, and keeps the rest of its rows", async () => {
    const protection = ephemeralDataProtection();
    const db = new DatabaseSync(':memory:');
    const messages = new SqliteMessageReadModel(db, protection);
    const readModels = new SqliteReadModelDatabase(db);
    await readModels.transaction(() => messages.insertBatches([batchOf('b-1', ['m-1']), batchOf('b-2', ['m-2'], { accountId: 'acc-2' })]));
    protection.ring.destroy('acc-1');
    expect(await messages.find('m-1')).toMatchObject({ phoneNumber: PERSONAL_DATA_DESTROYED, status: 'ACCEPTED', accountId: 'acc-1' });
    expect(await messages.find('m-2')).toMatchObject({ phoneNumber: '+8613800138000' });
    // A replay after the erasure (its events now hold the placeholder) still inserts the rows.
    await readModels.transaction(() => messages.insertBatches([batchOf('b-3', ['m-3'], { accountId: 'acc-1' })]));
    expect(await messages.find('m-3')).toMatchObject({ phoneNumber: PERSONAL_DATA_DESTROYED, status: 'ACCEPTED' });
    db.close();
  });

  it('seals the numbers of a file written before ADR 0016 and leaves none in clear, in the file or its WAL', async () => {
    const path = join(dir, 'dispatch.db');
    const old = new DatabaseSync(path);
    old.exec(`PRAGMA journal_mode = WAL;
      CREATE TABLE messages (
      message_id TEXT PRIMARY KEY, batch_id TEXT NOT NULL, account_id TEXT NOT NULL, phone_number TEXT NOT NULL,
      country_code TEXT NOT NULL, operator TEXT NOT NULL, kind TEXT NOT NULL, signature_id TEXT NOT NULL,
      template_id TEXT NOT NULL, out_id TEXT, segments INTEGER NOT NULL, encoding TEXT NOT NULL,
      status TEXT NOT NULL, error_code TEXT, error_detail TEXT, channel_id TEXT, operator_message_ids TEXT,
      accepted_at TEXT NOT NULL, submitted_at TEXT, done_at TEXT);
      CREATE INDEX messages_by_phone ON messages (phone_number, accepted_at);
      INSERT INTO messages VALUES ('m-1','b-1','acc-1','+8613800138077','CN','CMCC','notification','sig-1','tpl-1',NULL,1,'ucs2','DELIVERED',NULL,NULL,'smpp-default',NULL,'2026-11-22T10:00:00.000Z',NULL,NULL);
      INSERT INTO messages VALUES ('m-2','b-1','acc-1','+8613800138088','CN','CMCC','notification','sig-1','tpl-1',NULL,1,'ucs2','ACCEPTED',NULL,NULL,NULL,NULL,'2026-11-22T10:00:00.000Z',NULL,NULL);
      INSERT INTO messages VALUES ('m-3','b-2','acc-2','+8613800138077','CN','CMCC','notification','sig-2','tpl-2',NULL,1,'ucs2','SUBMITTED',NULL,NULL,NULL,NULL,'2026-11-22T11:00:00.000Z',NULL,NULL);`);
    old.close();
    expect(onDisk(path, '13800138077')).toBe(true);

    const protection = ephemeralDataProtection();
    const { db } = openDispatchDatabase(path);
    const messages = new SqliteMessageReadModel(db, protection);
    expect(await messages.find('m-2')).toMatchObject({ phoneNumber: '+8613800138088', status: 'ACCEPTED' });
    expect((await messages.query({ accountId: 'acc-1', phoneNumber: '13800138077', limit: 10 })).map((m) => m.messageId)).toEqual(['m-1']);
    expect(await messages.lastOutboundTo('+8613800138077', '2026-11-23T00:00:00.000Z', '2026-11-01T00:00:00.000Z')).toMatchObject({ accountId: 'acc-2' });
    const columns = (db.prepare("SELECT name FROM pragma_table_info('messages')").all() as Array<{ name: string }>).map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['phone_index', 'recipient']));
    expect(columns).not.toContain('phone_number');
    // A second start finds nothing to move.
    expect(await new SqliteMessageReadModel(db, protection).find('m-3')).toMatchObject({ phoneNumber: '+8613800138077' });
    db.close();
    for (const number of ['13800138077', '13800138088']) expect(onDisk(path, number)).toBe(false);
  });
});

describe('SqliteMessageReadModel: list filters and pages on a file', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dispatch-read-model-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const batches = (prefix: string, count: number, size: number, at: (i: number) => string, extra: (i: number) => object = () => ({})) =>
    Array.from({ length: count }, (_, i) =>
      batchOf(`${prefix}-${i}`, Array.from({ length: size }, (_, j) => `${prefix}-${String(i).padStart(4, '0')}-${String(j).padStart(4, '0')}`), { acceptedAt: at(i), ...extra(i) }),
    );
  const second = (s: number) => new Date(Date.parse('2026-11-23T10:00:00.000Z') + s * 1000).toISOString();

  it('pages one connection while another inserts on the same file: nothing served twice, nothing that was there skipped', async () => {
    const path = join(dir, 'dispatch.db');
    const protection = ephemeralDataProtection();
    const reader = openDispatchDatabase(path);
    const writer = openDispatchDatabase(path);
    const readModel = new SqliteMessageReadModel(reader.db, protection);
    const writeModel = new SqliteMessageReadModel(writer.db, protection);
    // 2,000 messages in 40 batches, a second apart, before paging begins.
    await writer.readModels.transaction(() => writeModel.insertBatches(batches('old', 40, 50, second)));
    const existing = new Set((await readModel.query({ accountId: 'acc-1', limit: 5000 })).map((m) => m.messageId));
    expect(existing.size).toBe(2000);

    const served: string[] = [];
    let after: { acceptedAt: string; messageId: string } | undefined;
    for (let round = 0; ; round++) {
      const page = await readModel.query({ accountId: 'acc-1', after, limit: 97 });
      served.push(...page.map((m) => m.messageId));
      if (page.length < 97) break;
      const last = page[page.length - 1];
      after = { acceptedAt: last.acceptedAt, messageId: last.messageId };
      // The writer commits between pages: batches accepted long ago, at the cursor's very second, and just now.
      await writer.readModels.transaction(() =>
        writeModel.insertBatches([
          ...batches(`early-${round}`, 1, 20, () => second(-3600)),
          ...batches(`tie-${round}`, 1, 20, () => last.acceptedAt),
          ...batches(`late-${round}`, 1, 5, () => second(7200 + round)),
        ]),
      );
    }
    expect(new Set(served).size).toBe(served.length);
    expect([...existing].filter((id) => !served.includes(id))).toEqual([]);
    expect(served.some((id) => id.startsWith('early-'))).toBe(false);
    expect(served.some((id) => id.startsWith('late-'))).toBe(true);
    reader.db.close();
    writer.db.close();
  });

  it('filters by batch and by outId through their own indexes', async () => {
    const { db, readModels } = openDispatchDatabase(join(dir, 'dispatch.db'));
    const messages = new SqliteMessageReadModel(db, ephemeralDataProtection());
    await readModels.transaction(() => messages.insertBatches(batches('b', 30, 100, second, (i) => (i % 3 === 0 ? { outId: `order-${i % 6}` } : {}))));
    const plan = (where: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM messages WHERE account_id = ? AND ${where} ORDER BY accepted_at, message_id LIMIT 100`).all('acc-1', 'x') as Array<{ detail: string }>)
        .map((row) => row.detail)
        .join('; ');
    expect(plan('batch_id = ?')).toMatch(/USING INDEX messages_by_batch/);
    expect(plan('out_id = ?')).toMatch(/USING INDEX messages_by_out_id/);
    expect(plan('batch_id = ?')).not.toMatch(/TEMP B-TREE/);
    expect(plan('out_id = ?')).not.toMatch(/TEMP B-TREE/);
    expect((await messages.query({ accountId: 'acc-1', batchId: 'b-7', limit: 500 })).map((m) => m.messageId)).toHaveLength(100);
    const byOutId = await messages.query({ accountId: 'acc-1', outId: 'order-0', limit: 500 });
    expect(new Set(byOutId.map((m) => m.batchId))).toEqual(new Set(['b-0', 'b-6', 'b-12', 'b-18', 'b-24']));
    db.close();
  });
});
