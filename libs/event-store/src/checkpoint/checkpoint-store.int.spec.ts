import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { CheckpointStore } from './checkpoint-store.port';
import { InMemoryCheckpointStore } from './in-memory-checkpoint-store';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'checkpoints-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each([
  ['InMemoryCheckpointStore', () => new InMemoryCheckpointStore()],
  ['SqliteCheckpointStore', () => new SqliteCheckpointStore(':memory:')],
] as [string, () => CheckpointStore][])('%s', (_name, create) => {
  it('has nothing for an unknown name, then the last saved position per name', async () => {
    const store = create();
    expect(await store.load('outbox:dispatch')).toBeUndefined();
    await store.save('outbox:dispatch', 5n);
    await store.save('outbox:dispatch', 9n);
    await store.save('projection:messages', 3n);
    expect(await store.load('outbox:dispatch')).toBe(9n);
    expect(await store.load('projection:messages')).toBe(3n);
  });

  it('keeps positions beyond 64 bits exactly (EventStoreDB positions)', async () => {
    const store = create();
    const huge = (123456789n << 64n) | 987654321n;
    await store.save('esdb', huge);
    expect(await store.load('esdb')).toBe(huge);
  });

  it('refuses empty names and negative or non-bigint positions', async () => {
    const store = create();
    await expect(store.save('', 1n)).rejects.toThrow(TypeError);
    await expect(store.save('x', -1n)).rejects.toThrow(TypeError);
    await expect(store.save('x', 1 as unknown as bigint)).rejects.toThrow(TypeError);
  });
});

describe('SqliteCheckpointStore', () => {
  it('on a path: creates the directory and survives a reopen', async () => {
    const path = join(dir, 'a', 'b', 'service.db');
    const first = new SqliteCheckpointStore(path);
    await first.save('projection:x', 42n);
    await first.close();
    const second = new SqliteCheckpointStore(path);
    expect(await second.load('projection:x')).toBe(42n);
    await second.close();
  });

  it("on a shared database: saveSync joins the caller's transaction, so read model and checkpoint commit or roll back together", async () => {
    const db = new DatabaseSync(join(dir, 'read-model.db'));
    db.exec('CREATE TABLE messages (id TEXT PRIMARY KEY, status TEXT)');
    const checkpoints = new SqliteCheckpointStore(db);
    const insert = db.prepare('INSERT INTO messages (id, status) VALUES (?, ?)');

    db.exec('BEGIN IMMEDIATE');
    insert.run('m1', 'accepted');
    checkpoints.saveSync('projection:messages', 10n);
    db.exec('ROLLBACK');
    expect(checkpoints.loadSync('projection:messages')).toBeUndefined();
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });

    db.exec('BEGIN IMMEDIATE');
    insert.run('m1', 'accepted');
    checkpoints.saveSync('projection:messages', 10n);
    db.exec('COMMIT');
    expect(await checkpoints.load('projection:messages')).toBe(10n);

    // The store does not own a database it was given.
    await checkpoints.close();
    expect(db.isOpen).toBe(true);
    db.close();
  });

  it('can use its own table name, and refuses names that are not identifiers', () => {
    const db = new DatabaseSync(':memory:');
    const store = new SqliteCheckpointStore(db, { table: 'outbox_checkpoints' });
    store.saveSync('a', 1n);
    expect(db.prepare('SELECT name, position FROM outbox_checkpoints').all()).toEqual([{ name: 'a', position: '1' }]);
    expect(() => new SqliteCheckpointStore(db, { table: 'x; DROP TABLE y' })).toThrow(TypeError);
    db.close();
  });
});
