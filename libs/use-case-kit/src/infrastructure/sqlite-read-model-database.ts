import { AsyncLocalStorage } from 'node:async_hooks';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ReadModelDatabase } from '../ports';

interface Unit {
  work: () => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Units committed together at most; a bound on how long the first of them waits for its commit. */
const MAX_GROUP = 64;

/**
 * A service's read-model SQLite file as a unit of work, inbox and checkpoint store.
 *
 * Units of work take turns on the connection (node:sqlite is synchronous, but a unit may await between
 * statements), and those waiting while one runs are **committed as a group**: one transaction, each unit inside a
 * savepoint, so a failing unit rolls back alone while the others commit. Under load this turns hundreds of small
 * commits — each writing the same index pages to the WAL again — into a few; a caller's promise settles only after
 * the commit that made its unit durable. A nested call joins the unit it runs in.
 */
export class SqliteReadModelDatabase implements ReadModelDatabase {
  private readonly inside = new AsyncLocalStorage<true>();
  private readonly queue: Unit[] = [];
  private running = false;
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

  transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inside.getStore()) return work();
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) void this.drain();
    });
  }

  // Called outside a unit of work (an outbox saving its checkpoint), a write becomes a unit of its own: run bare, it
  // could land inside another unit's savepoint and be rolled back with it.
  async claim(consumer: string, eventId: string): Promise<boolean> {
    if (!this.inside.getStore()) return this.transaction(() => this.claim(consumer, eventId));
    return Number(this.claimStmt.run(consumer, eventId).changes) === 1;
  }

  async load(name: string): Promise<bigint | undefined> {
    const row = this.loadStmt.get(name) as { position: string } | undefined;
    return row ? BigInt(row.position) : undefined;
  }

  async save(name: string, position: bigint): Promise<void> {
    if (!this.inside.getStore()) return this.transaction(() => this.save(name, position));
    this.saveStmt.run(name, position.toString(), Date.now());
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) await this.commitGroup();
    } finally {
      this.running = false;
    }
  }

  /** Runs queued units (and those that queue meanwhile, up to MAX_GROUP) in one transaction, then settles them. */
  private async commitGroup(): Promise<void> {
    const done: Array<{ unit: Unit; value: unknown }> = [];
    const failed: Array<{ unit: Unit; error: unknown }> = [];
    this.db.exec('BEGIN IMMEDIATE');
    try {
      while (this.queue.length > 0 && done.length + failed.length < MAX_GROUP) {
        const unit = this.queue.shift() as Unit;
        this.db.exec('SAVEPOINT unit');
        try {
          const value = await this.inside.run(true, unit.work);
          this.db.exec('RELEASE unit');
          done.push({ unit, value });
        } catch (error) {
          this.db.exec('ROLLBACK TO unit');
          this.db.exec('RELEASE unit');
          failed.push({ unit, error });
        }
      }
      this.db.exec('COMMIT');
    } catch (error) {
      // The commit itself failed: nothing of the group is durable.
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      for (const { unit } of done) unit.reject(error);
      for (const { unit, error: own } of failed) unit.reject(own);
      return;
    }
    for (const { unit, value } of done) unit.resolve(value);
    for (const { unit, error } of failed) unit.reject(error);
  }
}
