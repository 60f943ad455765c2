import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { WrongExpectedVersionError } from '../errors';
import type { EventData } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'event-store-'));
  dirs.push(dir);
  return join(dir, 'nested', 'events.db');
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeEventStoreContract('SqliteEventStore (file)', async () => {
  const store = new SqliteEventStore(tempFile());
  return { store, cleanup: () => store.close() };
});

describeEventStoreContract('SqliteEventStore (:memory:)', async () => {
  const store = new SqliteEventStore(':memory:');
  return { store, cleanup: () => store.close() };
});

const event = (n: number): EventData => ({ id: randomUUID(), type: 'Counted', data: { n } });

describe('SqliteEventStore on a file shared by handles', () => {
  it('creates the parent directory, uses WAL and the documented schema', async () => {
    const path = tempFile();
    const store = new SqliteEventStore(path);
    expect(existsSync(path)).toBe(true);
    expect(store.db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    const columns = (store.db.prepare('PRAGMA table_info(events)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['position', 'stream', 'revision', 'id', 'type', 'data', 'metadata', 'created']);
    await store.close();
  });

  it('a second handle opened on the same file replays what the first appended (restart)', async () => {
    const path = tempFile();
    const first = new SqliteEventStore(path);
    const written = [event(0), event(1), event(2)];
    await first.appendToStream('order-1', written, { expectedRevision: 'no_stream' });
    await first.appendToStream('order-2', event(3));
    await first.close();

    const second = new SqliteEventStore(path);
    expect((await second.readStream('order-1')).map((e) => e.id)).toEqual(written.map((e) => e.id));
    const replayed = second.subscribeToAll();
    const all = await replayed.nextBatch(10);
    expect(all.map((e) => e.position)).toEqual([1n, 2n, 3n, 4n]);
    await replayed.unsubscribe();
    // The expected revision carries on across the restart.
    await expect(second.appendToStream('order-1', event(4), { expectedRevision: 2n })).resolves.toMatchObject({ nextExpectedRevision: 3n, position: 5n });
    await second.close();
  });

  it('handles on one file see each other: conflicts, duplicates, and polled subscriptions', async () => {
    const path = tempFile();
    const a = new SqliteEventStore(path);
    const b = new SqliteEventStore(path, { pollIntervalMs: 20 });
    const first = event(0);
    await a.appendToStream('order-1', first, { expectedRevision: 'no_stream' });
    await expect(b.appendToStream('order-1', event(1), { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(b.appendToStream('order-1', first, { expectedRevision: 'no_stream' })).resolves.toMatchObject({ nextExpectedRevision: 0n });

    // B's subscription is never told about A's appends in-process; only polling can find them.
    const subscription = b.subscribeToAll({ fromPosition: 'end' });
    const pending = subscription.nextBatch(10);
    const later = [event(2), event(3)];
    await a.appendToStream('order-1', later, { expectedRevision: 0n });
    expect((await pending).map((e) => e.id)).toEqual(later.map((e) => e.id));
    await subscription.unsubscribe();
    await a.close();
    await b.close();
  });

  it("waits for another connection's write transaction, then checks the revision against what it committed", async () => {
    const path = tempFile();
    const store = new SqliteEventStore(path);
    // Another process's writer, in plain JS on a worker thread: takes the write lock, inserts revision 0, holds, commits.
    const worker = new Worker(
      `
      const { workerData, parentPort } = require('node:worker_threads');
      const { DatabaseSync } = require('node:sqlite');
      const db = new DatabaseSync(workerData.path, { timeout: 5000 });
      db.exec('BEGIN IMMEDIATE');
      db.prepare("INSERT INTO events (stream, revision, id, type, data, metadata, created) VALUES ('order-1', 0, ?, 'Other', '{}', '{}', 0)").run(workerData.id);
      parentPort.postMessage('locked');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      db.exec('COMMIT');
      db.close();
      `,
      { eval: true, workerData: { path, id: randomUUID() } },
    );
    await new Promise((resolve) => worker.once('message', resolve));
    const conflict = await store.appendToStream('order-1', event(1), { expectedRevision: 'no_stream' }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(WrongExpectedVersionError);
    expect(conflict).toMatchObject({ expectedRevision: 'no_stream', actualRevision: 0n });
    await new Promise((resolve) => worker.once('exit', resolve));
    await expect(store.appendToStream('order-1', event(2), { expectedRevision: 0n })).resolves.toMatchObject({ nextExpectedRevision: 1n });
    await store.close();
  });

  it('commits an append atomically: a failure inside it leaves nothing behind', async () => {
    const store = new SqliteEventStore(tempFile());
    // A trigger makes the second insert fail after the first one succeeded.
    store.db.exec("CREATE TRIGGER fail_second BEFORE INSERT ON events WHEN NEW.revision = 1 BEGIN SELECT RAISE(ABORT, 'boom'); END");
    await expect(store.appendToStream('order-1', [event(0), event(1)])).rejects.toThrow('boom');
    expect(store.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 });
    expect(store.db.isTransaction).toBe(false);
    store.db.exec('DROP TRIGGER fail_second');
    await expect(store.appendToStream('order-1', [event(0), event(1)])).resolves.toMatchObject({ nextExpectedRevision: 1n });
    await store.close();
  });

  it('is usable through its own DatabaseSync only while open', async () => {
    const store = new SqliteEventStore(':memory:');
    expect(store.db).toBeInstanceOf(DatabaseSync);
    await store.close();
    await expect(store.appendToStream('order-1', event(0))).rejects.toThrow('closed');
    expect(() => store.subscribeToAll()).toThrow('closed');
  });
});
