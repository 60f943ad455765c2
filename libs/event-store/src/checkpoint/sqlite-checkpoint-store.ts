import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, StatementSync } from 'node:sqlite';
import { assertCheckpoint, CheckpointStore } from './checkpoint-store.port';

export interface SqliteCheckpointStoreOptions {
  /** Table name; defaults to `checkpoints`. */
  table?: string;
}

/**
 * Checkpoints in a SQLite table `(name TEXT PRIMARY KEY, position TEXT, updated INTEGER)`; the position is decimal
 * text because EventStoreDB positions do not fit SQLite's 64-bit integers.
 *
 * Give it the DatabaseSync that holds a read model and call `saveSync` inside the same transaction as the
 * projection's writes: the read model and its checkpoint then commit or roll back together, so a crash can never
 * record progress that was not applied (or the reverse). `saveSync` never opens a transaction of its own.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  readonly db: DatabaseSync;
  private readonly ownsDb: boolean;
  private readonly selectStatement: StatementSync;
  private readonly upsertStatement: StatementSync;

  /** `database` is an open DatabaseSync (shared, not closed by `close()`) or a file path / ':memory:' (owned). */
  constructor(database: DatabaseSync | string, options: SqliteCheckpointStoreOptions = {}) {
    const table = options.table ?? 'checkpoints';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new TypeError(`Invalid checkpoint table name ${table}`);
    if (typeof database === 'string') {
      if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
      this.db = new DatabaseSync(database, { timeout: 5000 });
      this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
      this.ownsDb = true;
    } else {
      this.db = database;
      this.ownsDb = false;
    }
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (name TEXT PRIMARY KEY, position TEXT NOT NULL, updated INTEGER NOT NULL)`);
    this.selectStatement = this.db.prepare(`SELECT position FROM ${table} WHERE name = ?`);
    this.upsertStatement = this.db.prepare(
      `INSERT INTO ${table} (name, position, updated) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated = excluded.updated`,
    );
  }

  loadSync(name: string): bigint | undefined {
    assertCheckpoint(name);
    const row = this.selectStatement.get(name) as { position: string } | undefined;
    return row ? BigInt(row.position) : undefined;
  }

  /** Writes the checkpoint in the caller's current transaction, if one is open (autocommit otherwise). */
  saveSync(name: string, position: bigint): void {
    assertCheckpoint(name, position);
    this.upsertStatement.run(name, position.toString(), Date.now());
  }

  async load(name: string): Promise<bigint | undefined> {
    return this.loadSync(name);
  }

  async save(name: string, position: bigint): Promise<void> {
    this.saveSync(name, position);
  }

  /** Closes the database only if this store opened it. */
  async close(): Promise<void> {
    if (this.ownsDb && this.db.isOpen) this.db.close();
  }
}
