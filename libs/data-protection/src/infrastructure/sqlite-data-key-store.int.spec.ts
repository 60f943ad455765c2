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

  it("waits for another thread's transaction and then takes the key that thread created", async () => {
    const path = tempFile();
    const store = new SqliteDataKeyStore(path);
    const theirs = kek.wrap(randomBytes(32), 'acc-1');
    // Another process's ring, in plain JS on a worker thread: takes the write lock, creates acc-1's key, holds, commits.
    const worker = new Worker(
      `
      const { workerData, parentPort } = require('node:worker_threads');
      const { DatabaseSync } = require('node:sqlite');
      const db = new DatabaseSync(workerData.path, { timeout: 5000 });
      db.exec('BEGIN IMMEDIATE');
      db.prepare("INSERT INTO data_keys (owner, wrapped, created_at) VALUES ('acc-1', ?, 'now')").run(workerData.theirs);
      parentPort.postMessage('locked');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, 300);
      `,
      { eval: true, workerData: { path, theirs } },
    );
    await new Promise((resolve) => worker.once('message', resolve));
    const ring = new DataKeyRing(kek, store);
    const started = Date.now();
    const sealed = ring.seal('acc-1', 'mine');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    await new Promise((resolve) => worker.once('exit', resolve));
    expect(store.get('acc-1')).toBe(theirs);
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
});
