import { AsyncLocalStorage } from 'node:async_hooks';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { KeyedMutex } from '../core/keyed-mutex';
import type { ReadModelDatabase } from '../ports';

/**
 * A service's read-model SQLite file as a unit of work, inbox and checkpoint store. node:sqlite is synchronous
 * but a unit of work may await between statements, so transactions on this connection take turns (a mutex);
 * a nested call joins the transaction it runs in.
 */
export class SqliteReadModelDatabase implements ReadModelDatabase {
  private readonly turn = new KeyedMutex();
  private readonly inside = new AsyncLocalStorage<true>();
  private readonly claimStmt: StatementSync;
  private readonly loadStmt: StatementSync;
  private readonly saveStmt: StatementSync;

  constructor(readonly db: DatabaseSync) {
    db.exec(`CREATE TABLE IF NOT EXISTS inbox (consumer TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (consumer, event_id)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position TEXT NOT NULL, updated INTEGER NOT NULL);`);
    this.claimStmt = db.prepare('INSERT OR IGNORE INTO inbox (consumer, event_id) VALUES (?, ?)');
    this.loadStmt = db.prepare('SELECT position FROM checkpoints WHERE name = ?');
    this.saveStmt = db.prepare(
      'INSERT INTO checkpoints (name, position, updated) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated = excluded.updated',
    );
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inside.getStore()) return work();
    return this.turn.run('tx', () =>
      this.inside.run(true, async () => {
        this.db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work();
          this.db.exec('COMMIT');
          return result;
        } catch (error) {
          if (this.db.isTransaction) this.db.exec('ROLLBACK');
          throw error;
        }
      }),
    );
  }

  async claim(consumer: string, eventId: string): Promise<boolean> {
    return Number(this.claimStmt.run(consumer, eventId).changes) === 1;
  }

  async load(name: string): Promise<bigint | undefined> {
    const row = this.loadStmt.get(name) as { position: string } | undefined;
    return row ? BigInt(row.position) : undefined;
  }

  async save(name: string, position: bigint): Promise<void> {
    this.saveStmt.run(name, position.toString(), Date.now());
  }
}
