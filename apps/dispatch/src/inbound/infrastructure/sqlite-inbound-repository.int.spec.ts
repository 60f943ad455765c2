import { ephemeralDataProtection } from '@sms/data-protection';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { inboundRepositoryContract } from '../application/inbound-repository.contract';
import { openInboundDatabase } from './inbound-database';
import { SqliteInboundRepository } from './sqlite-inbound-repository';

inboundRepositoryContract('SQLite', async () => {
  const db = new DatabaseSync(':memory:');
  return { repository: new SqliteInboundRepository(db, ephemeralDataProtection()), unitOfWork: new SqliteReadModelDatabase(db), close: async () => db.close() };
});

/** Whether any byte of the file or its WAL spells `text`. */
const onDisk = (path: string, text: string) => [path, `${path}-wal`].some((file) => existsSync(file) && readFileSync(file).includes(text));

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

    const protection = ephemeralDataProtection();
    const { db, readModels } = openInboundDatabase(join(dir, 'dispatch-inbound.db'), protection, legacy);
    const inbound = new SqliteInboundRepository(db, protection);
    expect(await inbound.find('in-1')).toMatchObject({ accountId: 'acc-1', content: '退订', optOut: true });
    expect(await inbound.isOptedOut('acc-1', '+8613800138000')).toBe(true);
    expect(await readModels.transaction(() => readModels.claim('inbound', 'e-1'))).toBe(false);
    expect(await readModels.load('dispatch.inbound')).toBe(42n);
    expect(legacy.prepare("SELECT name FROM sqlite_schema WHERE name IN ('inbound_messages', 'opt_outs', 'inbound_processed_events')").all()).toEqual([]);
    expect(legacy.prepare('SELECT name FROM checkpoints').all().map((r) => (r as { name: string }).name)).toEqual(['dispatch.accepted']);

    // A second start finds nothing more to move.
    db.close();
    const again = openInboundDatabase(join(dir, 'dispatch-inbound.db'), protection, legacy);
    expect(await new SqliteInboundRepository(again.db, protection).find('in-1')).toMatchObject({ inboundId: 'in-1', phoneNumber: '+8613800138000' });
    again.db.close();
    legacy.close();
    expect(onDisk(join(dir, 'dispatch-inbound.db'), '13800138000')).toBe(false);
    expect(onDisk(join(dir, 'dispatch-inbound.db'), '退订')).toBe(false);
  });

  it('seals the replies and rekeys the opt-outs of its own file written before ADR 0016', async () => {
    const path = join(dir, 'dispatch-inbound.db');
    const old = new DatabaseSync(path);
    old.exec(`PRAGMA journal_mode = WAL;
      CREATE TABLE inbound_messages (inbound_id TEXT PRIMARY KEY, account_id TEXT, signature_id TEXT, phone_number TEXT NOT NULL, content TEXT NOT NULL,
        received_at TEXT NOT NULL, opt_out INTEGER NOT NULL);
      INSERT INTO inbound_messages VALUES ('in-1', 'acc-1', 'sig-1', '+8613800138066', '退订吧', '2026-11-23T10:00:00.000Z', 1);
      INSERT INTO inbound_messages VALUES ('in-2', NULL, NULL, '+8613800138055', 'who is this', '2026-11-23T10:00:00.000Z', 0);
      CREATE TABLE opt_outs (account_id TEXT NOT NULL, phone_number TEXT NOT NULL, signature_id TEXT, at TEXT NOT NULL, PRIMARY KEY (account_id, phone_number)) WITHOUT ROWID;
      INSERT INTO opt_outs VALUES ('acc-1', '+8613800138066', 'sig-1', '2026-11-23T10:00:00.000Z');`);
    old.close();
    const protection = ephemeralDataProtection();
    const { db } = openInboundDatabase(path, protection);
    const inbound = new SqliteInboundRepository(db, protection);
    expect(await inbound.find('in-1')).toMatchObject({ phoneNumber: '+8613800138066', content: '退订吧', optOut: true });
    expect(await inbound.find('in-2')).toMatchObject({ phoneNumber: '+8613800138055', content: 'who is this' });
    expect(await inbound.isOptedOut('acc-1', '13800138066')).toBe(true);
    db.close();
    for (const text of ['13800138066', '13800138055', '退订吧', 'who is this']) expect(onDisk(path, text)).toBe(false);
  });
});

describe("inbound's own file written before ADR 0017", () => {
  it("gives each opt-out its number, sealed with the account's lifetime key, from the reply it came from", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-inbound-'));
    const path = join(dir, 'dispatch-inbound.db');
    const protection = ephemeralDataProtection();
    // The layout of ADR 0016: opt-outs by blind index only, the reply sealed with the account's (lifetime) key.
    const old = new DatabaseSync(path);
    old.exec(`CREATE TABLE inbound_messages (inbound_id TEXT PRIMARY KEY, account_id TEXT, signature_id TEXT, phone_number TEXT NOT NULL, content TEXT NOT NULL,
        received_at TEXT NOT NULL, opt_out INTEGER NOT NULL);
      CREATE TABLE opt_outs (account_id TEXT NOT NULL, phone_index TEXT NOT NULL, signature_id TEXT, at TEXT NOT NULL, PRIMARY KEY (account_id, phone_index)) WITHOUT ROWID;`);
    const seal = (value: string) => protection.ring.seal('acc-1', value, { lifetime: true });
    old.prepare('INSERT INTO inbound_messages VALUES (?, ?, ?, ?, ?, ?, ?)').run('in-1', 'acc-1', 'sig-1', seal('+8613800138000'), seal('TD'), '2026-11-23T10:00:00.000Z', 1);
    old.prepare('INSERT INTO opt_outs VALUES (?, ?, ?, ?)').run('acc-1', protection.blindIndex.of('+8613800138000'), 'sig-1', '2026-11-23T10:00:00.000Z');
    old.close();
    const { db } = openInboundDatabase(path, protection);
    const inbound = new SqliteInboundRepository(db, protection);
    expect((await inbound.optOuts({ accountId: 'acc-1', limit: 10 })).items).toEqual([
      { accountId: 'acc-1', phoneNumber: '+8613800138000', optedOutAt: '2026-11-23T10:00:00.000Z', signatureId: 'sig-1', inboundId: 'in-1' },
    ]);
    expect((db.prepare('SELECT sealed_number FROM opt_outs').get() as { sealed_number: string }).sealed_number).toMatch(/^pd1\./);
    // Retention destroys epochs, not the lifetime key: the opt-out stays listable once its reply is gone.
    protection.ring.destroyBefore('acc-1', Date.now() + 3_600_000);
    await inbound.purge('acc-1', '2026-11-24T00:00:00.000Z', 100);
    expect((await inbound.optOuts({ accountId: 'acc-1', limit: 10 })).items[0].phoneNumber).toBe('+8613800138000');
    db.close();
    expect(onDisk(path, '13800138000')).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('SqliteInboundRepository: replies at rest (ADR 0016)', () => {
  it('seals numbers and texts (unclaimed replies under the platform key), finds opt-outs in any notation, and answers the placeholder after erasure', async () => {
    const protection = ephemeralDataProtection();
    const db = new DatabaseSync(':memory:');
    const inbound = new SqliteInboundRepository(db, protection);
    const at = '2026-11-23T10:00:00.000Z';
    await inbound.record({ inboundId: 'in-1', accountId: 'acc-1', signatureId: 'sig-1', phoneNumber: '+8613800138000', content: '退订', receivedAt: at, optOut: true });
    await inbound.record({ inboundId: 'in-2', phoneNumber: '+8613800138001', content: 'hello?', receivedAt: at, optOut: false });
    const stored = JSON.stringify(db.prepare('SELECT * FROM inbound_messages').all()) + JSON.stringify(db.prepare('SELECT * FROM opt_outs').all());
    expect(stored).not.toMatch(/13800138000|13800138001|退订|hello/);
    expect(await inbound.isOptedOut('acc-1', '13800138000')).toBe(true);
    expect(await inbound.isOptedOut('acc-1', '+86 138 0013 8000')).toBe(true);
    expect(await inbound.find('in-2')).toMatchObject({ phoneNumber: '+8613800138001', content: 'hello?' });
    protection.ring.destroy('acc-1');
    expect(await inbound.find('in-1')).toMatchObject({ phoneNumber: PERSONAL_DATA_DESTROYED, content: PERSONAL_DATA_DESTROYED, optOut: true, accountId: 'acc-1' });
    expect((await inbound.optOuts({ accountId: 'acc-1', limit: 10 })).items).toEqual([expect.objectContaining({ phoneNumber: PERSONAL_DATA_DESTROYED })]);
    db.close();
  });
});
