import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { inboundRepositoryContract } from '../application/inbound-repository.contract';
import { openInboundDatabase } from './inbound-database';
import { SqliteInboundRepository } from './sqlite-inbound-repository';

inboundRepositoryContract('SQLite', async () => {
  const db = new DatabaseSync(':memory:');
  return { repository: new SqliteInboundRepository(db), unitOfWork: new SqliteReadModelDatabase(db), close: async () => db.close() };
});

describe("inbound's own file on a data directory where replies lived in dispatch's file", () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dispatch-inbound-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('moves replies, opt-outs, claims and the outbox checkpoint over once, and drops them from the old file', async () => {
    const legacy = new DatabaseSync(join(dir, 'dispatch.db'));
    new SqliteReadModelDatabase(legacy); // the checkpoints table, as dispatch's file has it
    legacy.exec(`CREATE TABLE inbound_messages (inbound_id TEXT PRIMARY KEY, account_id TEXT, signature_id TEXT, phone_number TEXT NOT NULL, content TEXT NOT NULL, received_at TEXT NOT NULL, opt_out INTEGER NOT NULL);
      INSERT INTO inbound_messages VALUES ('in-1', 'acc-1', 'sig-1', '+8613800138000', '退订', '2026-11-23T10:00:00.000Z', 1);
      CREATE TABLE opt_outs (account_id TEXT NOT NULL, phone_number TEXT NOT NULL, signature_id TEXT, at TEXT NOT NULL, PRIMARY KEY (account_id, phone_number)) WITHOUT ROWID;
      INSERT INTO opt_outs VALUES ('acc-1', '+8613800138000', 'sig-1', '2026-11-23T10:00:00.000Z');
      CREATE TABLE inbound_processed_events (event_id TEXT PRIMARY KEY) WITHOUT ROWID;
      INSERT INTO inbound_processed_events VALUES ('e-1');
      INSERT INTO checkpoints (name, position, updated) VALUES ('dispatch.inbound', '42', 0), ('dispatch.accepted', '41', 0);`);

    const { db, readModels } = openInboundDatabase(join(dir, 'dispatch-inbound.db'), legacy);
    const inbound = new SqliteInboundRepository(db);
    expect(await inbound.find('in-1')).toMatchObject({ accountId: 'acc-1', content: '退订', optOut: true });
    expect(await inbound.isOptedOut('acc-1', '+8613800138000')).toBe(true);
    expect(await readModels.transaction(() => readModels.claim('inbound', 'e-1'))).toBe(false);
    expect(await readModels.load('dispatch.inbound')).toBe(42n);
    expect(legacy.prepare("SELECT name FROM sqlite_schema WHERE name IN ('inbound_messages', 'opt_outs', 'inbound_processed_events')").all()).toEqual([]);
    expect(legacy.prepare('SELECT name FROM checkpoints').all().map((r) => (r as { name: string }).name)).toEqual(['dispatch.accepted']);

    // A second start finds nothing more to move.
    db.close();
    const again = openInboundDatabase(join(dir, 'dispatch-inbound.db'), legacy);
    expect(await new SqliteInboundRepository(again.db).find('in-1')).toMatchObject({ inboundId: 'in-1' });
    again.db.close();
    legacy.close();
  });
});
