import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { lastOutboundLookupContract } from '../../inbound/application/last-outbound.contract';
import { batchOf, messageReadModelContract } from '../application/message-read-model.contract';
import { openDispatchDatabase } from './dispatch-database';
import { SqliteMessageReadModel } from './sqlite-message-read-model';

const fixture = async () => {
  const db = new DatabaseSync(':memory:');
  const repository = new SqliteMessageReadModel(db);
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
    const messages = new SqliteMessageReadModel(db);
    expect((db.prepare("SELECT name FROM pragma_table_info('messages')").all() as Array<{ name: string }>).map((c) => c.name)).not.toContain('text');
    expect(await messages.find('m-0')).toMatchObject({ status: 'DELIVERED', operatorMessageIds: ['op'], doneAt: '2026-11-22T10:00:02.000Z' });
    await readModels.transaction(() => messages.insertBatches([batchOf('b-1', ['m-1'])]));
    expect((await messages.find('m-1'))?.status).toBe('ACCEPTED');
    expect(await readModels.transaction(() => readModels.claim('receipts', 'e-1'))).toBe(false);
    expect(db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'processed_events'").get()).toBeUndefined();
    db.close();
  });
});
