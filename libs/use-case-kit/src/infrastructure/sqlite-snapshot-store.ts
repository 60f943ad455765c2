import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { UnitOfWork } from '../ports';
import { assertSnapshot, type Snapshot, type SnapshotStore } from '../snapshot-store';

export interface SqliteSnapshotStoreOptions {
  /**
   * The connection's unit of work when it is shared (a service's `SqliteReadModelDatabase`): writes then queue as
   * units of their own, never landing inside another unit's open transaction. Without it, each write autocommits.
   */
  unitOfWork?: UnitOfWork;
  /** Table name; default `snapshots`. */
  table?: string;
}

interface SnapshotRow {
  revision: bigint;
  event_id: string;
  schema_version: bigint;
  state: string;
}

/**
 * Snapshots in a table of a service's own SQLite file (ADR 0028: the read-model file, not the event store's — a
 * snapshot write never holds the event store's write lock, and the file's own writer is the service). One row per
 * stream; an ordinary rowid table, since a state can weigh megabytes.
 */
export class SqliteSnapshotStore implements SnapshotStore {
  private readonly unitOfWork?: UnitOfWork;
  private readonly statements: { get: StatementSync; save: StatementSync; delete: StatementSync };

  constructor(db: DatabaseSync, options: SqliteSnapshotStoreOptions = {}) {
    const table = options.table ?? 'snapshots';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new TypeError(`Invalid snapshot table name ${table}`);
    this.unitOfWork = options.unitOfWork;
    db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
      stream TEXT NOT NULL UNIQUE,
      revision INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      schema_version INTEGER NOT NULL,
      state TEXT NOT NULL,
      saved_at INTEGER NOT NULL
    )`);
    const get = db.prepare(`SELECT revision, event_id, schema_version, state FROM ${table} WHERE stream = ?`);
    get.setReadBigInts(true);
    this.statements = {
      get,
      save: db.prepare(
        `INSERT INTO ${table} (stream, revision, event_id, schema_version, state, saved_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, event_id = excluded.event_id,
           schema_version = excluded.schema_version, state = excluded.state, saved_at = excluded.saved_at`,
      ),
      delete: db.prepare(`DELETE FROM ${table} WHERE stream = ?`),
    };
  }

  async get(stream: string): Promise<Snapshot | undefined> {
    const row = this.statements.get.get(stream) as SnapshotRow | undefined;
    if (!row) return undefined;
    return { revision: row.revision, eventId: row.event_id, schemaVersion: Number(row.schema_version), state: row.state };
  }

  async save(stream: string, snapshot: Snapshot): Promise<void> {
    assertSnapshot(snapshot);
    // saved_at tells whoever opens the file how old a snapshot is; nothing reads it.
    await this.write(() => this.statements.save.run(stream, snapshot.revision, snapshot.eventId, snapshot.schemaVersion, snapshot.state, Date.now()));
  }

  async delete(stream: string): Promise<void> {
    await this.write(() => this.statements.delete.run(stream));
  }

  private async write(statement: () => unknown): Promise<void> {
    if (this.unitOfWork) await this.unitOfWork.transaction(async () => void statement());
    else statement();
  }
}
