import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { DataKeyDestroyedError, type DataKeyStore } from '../data-key-store';

/**
 * Wrapped data keys in a SQLite file (`DATA_DIR/keyring.db`), shared by the threads of the embedded profile and by
 * processes on one data directory: WAL so readers never wait, a busy timeout so a writer waits for another's
 * transaction instead of failing. A key row is written once and only ever replaced by its tombstone.
 */
export class SqliteDataKeyStore implements DataKeyStore {
  private readonly db: DatabaseSync;
  private readonly stmt: Record<'get' | 'insert' | 'stored' | 'destroy', StatementSync>;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path, { timeout: 10_000 });
    // secure_delete: a destroyed key's bytes are overwritten, not left in a free page.
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;');
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS data_keys (owner TEXT PRIMARY KEY, wrapped TEXT, created_at TEXT NOT NULL, destroyed_at TEXT,
        CHECK ((wrapped IS NULL) = (destroyed_at IS NOT NULL))) WITHOUT ROWID`,
    );
    this.stmt = {
      get: this.db.prepare('SELECT wrapped, destroyed_at AS destroyedAt FROM data_keys WHERE owner = ?'),
      insert: this.db.prepare('INSERT INTO data_keys (owner, wrapped, created_at) VALUES (?, ?, ?) ON CONFLICT (owner) DO NOTHING'),
      stored: this.db.prepare('SELECT wrapped FROM data_keys WHERE owner = ?'),
      destroy: this.db.prepare(
        `INSERT INTO data_keys (owner, wrapped, created_at, destroyed_at) VALUES (:owner, NULL, :at, :at)
         ON CONFLICT (owner) DO UPDATE SET wrapped = NULL, destroyed_at = COALESCE(destroyed_at, :at)`,
      ),
    };
  }

  get(owner: string): string | undefined {
    const row = this.stmt.get.get(owner) as { wrapped: string | null } | undefined;
    return row?.wrapped ?? undefined;
  }

  putIfAbsent(owner: string, wrapped: string): string {
    // The insert and the read need no transaction: a stored key never changes, and a tombstone reads as null.
    this.stmt.insert.run(owner, wrapped, new Date().toISOString());
    const row = this.stmt.stored.get(owner) as { wrapped: string | null } | undefined;
    if (!row?.wrapped) throw new DataKeyDestroyedError(owner);
    return row.wrapped;
  }

  destroy(owner: string): void {
    this.stmt.destroy.run({ owner, at: new Date().toISOString() });
    // The key's old page images sit in the WAL until it is reset: checkpoint and truncate it (best effort — a reader
    // elsewhere may hold it a while; its next checkpoint overwrites them).
    this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  isDestroyed(owner: string): boolean {
    const row = this.stmt.get.get(owner) as { destroyedAt: string | null } | undefined;
    return row?.destroyedAt != null;
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
