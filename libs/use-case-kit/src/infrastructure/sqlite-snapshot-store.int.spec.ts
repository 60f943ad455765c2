import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { snapshotStoreContract } from '../snapshot-store.contract';
import { SqliteReadModelDatabase } from './sqlite-read-model-database';
import { SqliteSnapshotStore } from './sqlite-snapshot-store';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'snapshots-'));
  dirs.push(dir);
  return join(dir, 'read-models.db');
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

snapshotStoreContract('SQLite file, writes autocommitted', async () => {
  const db = new DatabaseSync(tempFile());
  return { store: new SqliteSnapshotStore(db), close: async () => db.close() };
});

snapshotStoreContract('SQLite file shared with a read-model database, writes as units of work', async () => {
  const db = new DatabaseSync(tempFile());
  return { store: new SqliteSnapshotStore(db, { unitOfWork: new SqliteReadModelDatabase(db) }), close: async () => db.close() };
});

describe('SqliteSnapshotStore (a real SQLite file)', () => {
  const snapshot = { revision: 41n, eventId: '6f1c5b8e-0000-4000-8000-000000000041', schemaVersion: 1, state: '{"kept":true}' };

  it('keeps snapshots across a reopen (a restart)', async () => {
    const path = tempFile();
    const db = new DatabaseSync(path);
    await new SqliteSnapshotStore(db).save('account-a', snapshot);
    db.close();
    const again = new DatabaseSync(path);
    expect(await new SqliteSnapshotStore(again).get('account-a')).toEqual(snapshot);
    again.close();
  });

  it('on a shared connection, a save never lands inside another unit of work, so that unit failing does not take it along', async () => {
    const db = new DatabaseSync(tempFile());
    const readModels = new SqliteReadModelDatabase(db);
    db.exec('CREATE TABLE totals (id TEXT PRIMARY KEY)');
    const store = new SqliteSnapshotStore(db, { unitOfWork: readModels });
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const failing = readModels.transaction(async () => {
      db.prepare("INSERT INTO totals (id) VALUES ('x')").run();
      entered();
      await new Promise((resolve) => setTimeout(resolve, 20)); // the save is asked for while this unit is open
      throw new Error('boom');
    });
    await inside;
    const saving = store.save('account-a', snapshot);
    await expect(failing).rejects.toThrow('boom');
    await saving;
    expect(db.prepare('SELECT count(*) AS n FROM totals').get()).toEqual({ n: 0 });
    expect(await store.get('account-a')).toEqual(snapshot);
    db.close();
  });

  it('lives in a table of its own, named as asked', async () => {
    const db = new DatabaseSync(tempFile());
    const store = new SqliteSnapshotStore(db, { table: 'account_snapshots' });
    await store.save('account-a', snapshot);
    expect(db.prepare('SELECT stream, revision, event_id, schema_version FROM account_snapshots').all()).toEqual([
      { stream: 'account-a', revision: 41, event_id: snapshot.eventId, schema_version: 1 },
    ]);
    expect(() => new SqliteSnapshotStore(db, { table: 'x; DROP TABLE y' })).toThrow(/table name/);
    db.close();
  });
});
