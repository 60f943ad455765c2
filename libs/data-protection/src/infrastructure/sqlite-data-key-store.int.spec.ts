import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { dataKeyStoreContract } from '../contract/data-key-store.contract';
import { BlindIndex } from '../blind-index';
import { DataKeyRing } from '../data-key-ring';
import { aesKeyEncryptionKey } from '../key-encryption-key';
import { SqliteDataKeyStore } from './sqlite-data-key-store';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyring-'));
  dirs.push(dir);
  return join(dir, 'nested', 'keyring.db');
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

dataKeyStoreContract('SQLite file, two handles', async () => {
  const path = tempFile();
  const handles = [new SqliteDataKeyStore(path)];
  return {
    store: handles[0],
    again: () => {
      const handle = new SqliteDataKeyStore(path);
      handles.push(handle);
      return handle;
    },
    close: () => handles.forEach((h) => h.close()),
  };
});

describe('SqliteDataKeyStore shared by rings', () => {
  const kek = aesKeyEncryptionKey(randomBytes(32));

  it('two rings on one file agree on one key per account, whichever seals first', () => {
    const path = tempFile();
    const [a, b] = [new SqliteDataKeyStore(path), new SqliteDataKeyStore(path)];
    const [ringA, ringB] = [new DataKeyRing(kek, a), new DataKeyRing(kek, b)];
    const fromA = ringA.seal('acc-1', 'one');
    const fromB = ringB.seal('acc-1', 'two');
    expect([ringA.open('acc-1', fromB), ringB.open('acc-1', fromA)]).toEqual(['two', 'one']);
    expect(BlindIndex.open(kek, a).of('+8613800138000')).toBe(BlindIndex.open(kek, b).of('+8613800138000'));
    // A restart reads the same keys.
    a.close();
    const reopened = new SqliteDataKeyStore(path);
    expect(new DataKeyRing(kek, reopened).open('acc-1', fromA)).toBe('one');
    [b, reopened].forEach((s) => s.close());
  });

  it.each([
    ['lifetime key', { lifetime: true }, "INSERT INTO data_keys (owner, wrapped, created_at) VALUES ('acc-1', ?, 'now')", 'acc-1'],
    ['epoch key', { lifetime: false }, "INSERT INTO epoch_keys (owner, epoch, wrapped, created_at) VALUES ('acc-1', 7, ?, 'now')", 'acc-1#7'],
  ])("waits for another thread's transaction and then takes the %s that thread created", async (_kind, options, insert, context) => {
    const path = tempFile();
    const store = new SqliteDataKeyStore(path);
    // Epoch 7 is now: [7000, 8000).
    const ring = new DataKeyRing(kek, store, { epochMs: 1000, now: () => 7_500 });
    const theirs = kek.wrap(randomBytes(32), context);
    // Another process's ring, in plain JS on a worker thread: takes the write lock, creates acc-1's key, holds, commits.
    const worker = new Worker(
      `
      const { workerData, parentPort } = require('node:worker_threads');
      const { DatabaseSync } = require('node:sqlite');
      const db = new DatabaseSync(workerData.path, { timeout: 5000 });
      db.exec('BEGIN IMMEDIATE');
      db.prepare(workerData.insert).run(workerData.theirs);
      parentPort.postMessage('locked');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, 300);
      `,
      { eval: true, workerData: { path, theirs, insert } },
    );
    await new Promise((resolve) => worker.once('message', resolve));
    const started = Date.now();
    const sealed = ring.seal('acc-1', 'mine', options);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    await new Promise((resolve) => worker.once('exit', resolve));
    expect(options.lifetime ? store.get('acc-1') : store.getEpoch('acc-1', 7)).toBe(theirs);
    expect(ring.open('acc-1', sealed)).toBe('mine');
    store.close();
  });

  it('leaves no trace of a destroyed key in the file or its WAL', () => {
    const path = tempFile();
    const store = new SqliteDataKeyStore(path);
    const wrapped = store.putIfAbsent('acc-1', kek.wrap(randomBytes(32), 'acc-1'));
    store.destroy('acc-1');
    store.close();
    const db = new DatabaseSync(path);
    expect(db.prepare('SELECT owner, wrapped FROM data_keys').all()).toEqual([{ owner: 'acc-1', wrapped: null }]);
    db.close();
    const body = wrapped.slice(wrapped.indexOf('.') + 1, wrapped.indexOf('.') + 30);
    for (const file of [path, `${path}-wal`]) if (existsSync(file)) expect(readFileSync(file).includes(body)).toBe(false);
  });

  it('leaves no trace of destroyed epoch keys in the file or its WAL, and keeps the later ones', () => {
    const path = tempFile();
    const store = new SqliteDataKeyStore(path);
    const old = store.putEpochIfAbsent('acc-1', 4, kek.wrap(randomBytes(32), 'acc-1#4'));
    const kept = store.putEpochIfAbsent('acc-1', 5, kek.wrap(randomBytes(32), 'acc-1#5'));
    store.destroyEpochsBefore('acc-1', 5);
    store.close();
    const db = new DatabaseSync(path);
    expect(db.prepare('SELECT owner, epoch FROM epoch_keys').all()).toEqual([{ owner: 'acc-1', epoch: 5 }]);
    db.close();
    const body = (wrapped: string) => wrapped.slice(wrapped.indexOf('.') + 1, wrapped.indexOf('.') + 30);
    for (const file of [path, `${path}-wal`]) if (existsSync(file)) expect(readFileSync(file).includes(body(old))).toBe(false);
    expect(readFileSync(path).includes(body(kept))).toBe(true);
  });
});
