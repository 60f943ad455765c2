import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { DataKeyDestroyedError, type DataKeyStore } from '../data-key-store';

/** The floor of a destroyed owner: above every epoch (an integer, as SQLite stores it). */
const DESTROYED_FLOOR = Number.MAX_SAFE_INTEGER;

/**
 * Wrapped data keys in a SQLite file (`DATA_DIR/keyring.db`), shared by the threads of the embedded profile and by
 * processes on one data directory: WAL so readers never wait, a busy timeout so a writer waits for another's
 * transaction instead of failing. A lifetime key row is written once and only ever replaced by its tombstone; epoch
 * keys are deleted when destroyed, the owner's floor saying that everything below it was.
 */
export class SqliteDataKeyStore implements DataKeyStore {
  private readonly db: DatabaseSync;
  private readonly stmt: Record<
    'get' | 'insert' | 'stored' | 'destroy' | 'getEpoch' | 'insertEpoch' | 'floor' | 'raiseFloor' | 'dropEpochs' | 'pin' | 'setting',
    StatementSync
  >;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path, { timeout: 10_000 });
    // secure_delete: a destroyed key's bytes are overwritten, not left in a free page.
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;');
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS data_keys (owner TEXT PRIMARY KEY, wrapped TEXT, created_at TEXT NOT NULL, destroyed_at TEXT,
        CHECK ((wrapped IS NULL) = (destroyed_at IS NOT NULL))) WITHOUT ROWID;
       CREATE TABLE IF NOT EXISTS epoch_keys (owner TEXT NOT NULL, epoch INTEGER NOT NULL, wrapped TEXT NOT NULL, created_at TEXT NOT NULL,
        PRIMARY KEY (owner, epoch)) WITHOUT ROWID;
       CREATE TABLE IF NOT EXISTS epoch_floors (owner TEXT PRIMARY KEY, floor INTEGER NOT NULL, updated_at TEXT NOT NULL) WITHOUT ROWID;
       CREATE TABLE IF NOT EXISTS keyring_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;`,
    );
    this.stmt = {
      get: this.db.prepare('SELECT wrapped, destroyed_at AS destroyedAt FROM data_keys WHERE owner = ?'),
      insert: this.db.prepare('INSERT INTO data_keys (owner, wrapped, created_at) VALUES (?, ?, ?) ON CONFLICT (owner) DO NOTHING'),
      stored: this.db.prepare('SELECT wrapped FROM data_keys WHERE owner = ?'),
      destroy: this.db.prepare(
        `INSERT INTO data_keys (owner, wrapped, created_at, destroyed_at) VALUES (:owner, NULL, :at, :at)
         ON CONFLICT (owner) DO UPDATE SET wrapped = NULL, destroyed_at = COALESCE(destroyed_at, :at)`,
      ),
      getEpoch: this.db.prepare('SELECT wrapped FROM epoch_keys WHERE owner = ? AND epoch = ?'),
      insertEpoch: this.db.prepare('INSERT INTO epoch_keys (owner, epoch, wrapped, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (owner, epoch) DO NOTHING'),
      floor: this.db.prepare('SELECT floor FROM epoch_floors WHERE owner = ?'),
      raiseFloor: this.db.prepare(
        `INSERT INTO epoch_floors (owner, floor, updated_at) VALUES (:owner, :floor, :at)
         ON CONFLICT (owner) DO UPDATE SET floor = MAX(floor, excluded.floor), updated_at = excluded.updated_at WHERE excluded.floor > floor`,
      ),
      dropEpochs: this.db.prepare('DELETE FROM epoch_keys WHERE owner = ? AND epoch < (SELECT floor FROM epoch_floors WHERE owner = ?)'),
      pin: this.db.prepare('INSERT INTO keyring_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING'),
      setting: this.db.prepare('SELECT value FROM keyring_settings WHERE name = ?'),
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

  getEpoch(owner: string, epoch: number): string | undefined {
    const row = this.stmt.getEpoch.get(owner, epoch) as { wrapped: string } | undefined;
    return row?.wrapped;
  }

  putEpochIfAbsent(owner: string, epoch: number, wrapped: string): string {
    // Checked and written in one write transaction: a destruction elsewhere either comes first (and this refuses) or
    // after (and deletes the key written here).
    return this.immediate(() => {
      if (epoch < this.floorOf(owner)) throw new DataKeyDestroyedError(owner);
      this.stmt.insertEpoch.run(owner, epoch, wrapped, new Date().toISOString());
      return (this.stmt.getEpoch.get(owner, epoch) as { wrapped: string }).wrapped;
    });
  }

  destroy(owner: string): void {
    this.immediate(() => {
      const at = new Date().toISOString();
      this.stmt.destroy.run({ owner, at });
      this.stmt.raiseFloor.run({ owner, floor: DESTROYED_FLOOR, at });
      this.stmt.dropEpochs.run(owner, owner);
    });
    this.truncateWal();
  }

  destroyEpochsBefore(owner: string, epoch: number): void {
    const floor = Math.min(Math.max(0, Math.floor(epoch)), DESTROYED_FLOOR);
    this.immediate(() => {
      this.stmt.raiseFloor.run({ owner, floor, at: new Date().toISOString() });
      this.stmt.dropEpochs.run(owner, owner);
    });
    this.truncateWal();
  }

  isDestroyed(owner: string): boolean {
    const row = this.stmt.get.get(owner) as { destroyedAt: string | null } | undefined;
    return row?.destroyedAt != null;
  }

  epochFloor(owner: string): number {
    const floor = this.floorOf(owner);
    return floor >= DESTROYED_FLOOR ? Number.POSITIVE_INFINITY : floor;
  }

  epochLength(proposed: number): number {
    this.stmt.pin.run('epoch_ms', String(proposed));
    return Number((this.stmt.setting.get('epoch_ms') as { value: string }).value);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  private floorOf(owner: string): number {
    return (this.stmt.floor.get(owner) as { floor: number } | undefined)?.floor ?? 0;
  }

  private immediate<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * A destroyed key's old page images sit in the WAL until it is reset: checkpoint and truncate it (best effort — a
   * reader elsewhere may hold it a while; its next checkpoint overwrites them).
   */
  private truncateWal(): void {
    this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }
}
