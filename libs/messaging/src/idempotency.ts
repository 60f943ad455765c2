/**
 * Idempotent consumers (STYLE.md §7): the bus delivers at least once, so a handler remembers which event ids it
 * has applied. Use the SQLite store inside the same transaction as the handler's own writes — the mark and the
 * effect then commit or roll back together:
 *
 *   transaction(db, () => {
 *     if (!processed.claim('billing:reserve', event.id)) return; // a redelivery: already applied
 *     applyReservation(db, event.data);
 *   });
 */
import type { DatabaseSync } from 'node:sqlite';

export interface ProcessedEvents {
  /** Whether `consumer` has already applied the event. */
  seen(consumer: string, eventId: string): boolean;
  /** Records the event as applied by `consumer` (repeating it is harmless). */
  mark(consumer: string, eventId: string): void;
  /** Marks the event and returns true if it was new, false if it had been applied already — one atomic step. */
  claim(consumer: string, eventId: string): boolean;
}

/** Runs `apply` only for an event `consumer` has not applied yet; returns whether it ran. Wrap in the caller's transaction. */
export function applyOnce(processed: ProcessedEvents, consumer: string, eventId: string, apply: () => void): boolean {
  if (!processed.claim(consumer, eventId)) return false;
  apply();
  return true;
}

/** For tests and the memory profile; forgets everything when the process ends. */
export class InMemoryProcessedEvents implements ProcessedEvents {
  private readonly byConsumer = new Map<string, Set<string>>();

  seen(consumer: string, eventId: string): boolean {
    return this.byConsumer.get(consumer)?.has(eventId) ?? false;
  }

  mark(consumer: string, eventId: string): void {
    this.claim(consumer, eventId);
  }

  claim(consumer: string, eventId: string): boolean {
    let ids = this.byConsumer.get(consumer);
    if (!ids) this.byConsumer.set(consumer, (ids = new Set()));
    if (ids.has(eventId)) return false;
    ids.add(eventId);
    return true;
  }
}

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Processed-event ids in a table of the service's own SQLite database. It does not open transactions itself, so
 * calls join whatever transaction the caller has open on `db`.
 */
export class SqliteProcessedEvents implements ProcessedEvents {
  private readonly selectStmt;
  private readonly insertStmt;
  private readonly pruneStmt;

  constructor(
    db: DatabaseSync,
    table = 'processed_events',
    private readonly now: () => number = Date.now,
  ) {
    if (!TABLE_NAME.test(table)) throw new Error(`invalid table name ${table}`);
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${table} (
         consumer TEXT NOT NULL,
         event_id TEXT NOT NULL,
         processed_at INTEGER NOT NULL,
         PRIMARY KEY (consumer, event_id)
       ) WITHOUT ROWID`,
    );
    this.selectStmt = db.prepare(`SELECT 1 FROM ${table} WHERE consumer = ? AND event_id = ?`);
    this.insertStmt = db.prepare(`INSERT INTO ${table} (consumer, event_id, processed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`);
    this.pruneStmt = db.prepare(`DELETE FROM ${table} WHERE processed_at < ?`);
  }

  seen(consumer: string, eventId: string): boolean {
    return this.selectStmt.get(consumer, eventId) !== undefined;
  }

  mark(consumer: string, eventId: string): void {
    this.insertStmt.run(consumer, eventId, this.now());
  }

  claim(consumer: string, eventId: string): boolean {
    return Number(this.insertStmt.run(consumer, eventId, this.now()).changes) === 1;
  }

  /** Forgets ids applied before `before` (redeliveries come within minutes; keep a generous margin). Returns how many. */
  prune(before: Date): number {
    return Number(this.pruneStmt.run(before.getTime()).changes);
  }
}
