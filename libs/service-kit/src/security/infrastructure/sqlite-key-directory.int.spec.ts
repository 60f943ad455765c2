import { aesKeyEncryptionKey, DataKeyRing, InMemoryDataKeyStore } from '@sms/data-protection';
import { randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { issueKey } from '../credentials';
import type { KeyRecord } from '../key-directory';
import { SqliteKeyDirectory } from './sqlite-key-directory';

describe('SqliteKeyDirectory', () => {
  const setup = () => {
    const db = new DatabaseSync(':memory:');
    const ring = new DataKeyRing(aesKeyEncryptionKey(randomBytes(32)), new InMemoryDataKeyStore());
    return { db, ring, directory: new SqliteKeyDirectory(db, ring) };
  };
  const record = (accountId?: string): KeyRecord => ({ keyId: issueKey().keyId, accountId, roles: accountId ? ['customer'] : ['operator'], verifier: issueKey().verifier, status: 'ACTIVE', createdAt: '2026-11-26T00:00:00.000Z' });
  const stored = (db: DatabaseSync, keyId: string) => (db.prepare('SELECT verifier FROM api_keys WHERE key_id = ?').get(keyId) as { verifier: string }).verifier;

  it('keeps verifiers sealed in the file and answers them opened', () => {
    const { db, directory } = setup();
    for (const key of [record('acc-1'), record(undefined)]) {
      directory.apply(key);
      expect(stored(db, key.keyId)).not.toContain(key.verifier);
      expect(stored(db, key.keyId)).toMatch(/^pd1\./);
      expect(directory.find(key.keyId)).toEqual(key);
    }
  });

  it("verifies nothing of an erased account's keys: the verifier no longer opens", () => {
    const { ring, directory } = setup();
    const key = record('acc-2');
    directory.apply(key);
    ring.destroy('acc-2');
    const fresh = new SqliteKeyDirectory((directory as unknown as { db: DatabaseSync }).db, ring);
    expect(fresh.find(key.keyId)).toMatchObject({ keyId: key.keyId, verifier: '' });
  });

  it('never revives a revoked key, and lists keys without opening verifiers', () => {
    const { directory } = setup();
    const key = record('acc-3');
    directory.apply({ ...key, status: 'REVOKED', revokedAt: '2026-11-26T01:00:00.000Z', verifier: '' });
    directory.apply(key);
    expect(directory.find(key.keyId)).toMatchObject({ status: 'REVOKED', revokedAt: '2026-11-26T01:00:00.000Z' });
    expect(directory.list('acc-3').map((k) => k.keyId)).toEqual([key.keyId]);
    expect(directory.list(undefined)).toEqual([]);
  });
});
