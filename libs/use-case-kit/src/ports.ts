/**
 * Ports between application code and a service's read-model database. Declared here so every service's
 * repositories share one transaction shape; implemented per database in `infrastructure/` (SQLite now, MongoDB
 * later). Asynchronous on purpose: a MongoDB session is; the SQLite adapter serialises its connection instead.
 */

export interface UnitOfWork {
  /**
   * Runs `work` atomically: every repository write it makes (and the inbox claim or checkpoint it records) commits
   * together or not at all. Nested calls join the outer unit.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
}

/** The idempotent inbox of a service: which consumed events each consumer has applied. Call inside a transaction. */
export interface Inbox {
  /** Records the event as applied by `consumer`; false when it already was (a redelivery). */
  claim(consumer: string, eventId: string): Promise<boolean>;
}

/** Where projections record the global position they applied, inside the same transaction as their changes. */
export interface ProjectionCheckpoints {
  load(name: string): Promise<bigint | undefined>;
  save(name: string, position: bigint): Promise<void>;
}

/** A service's read-model database: its unit of work, inbox and projection checkpoints on one connection. */
export interface ReadModelDatabase extends UnitOfWork, Inbox, ProjectionCheckpoints {}

/** Applies `apply` once per (consumer, event id): the claim and the changes commit in one unit of work. */
export async function applyOnce(db: UnitOfWork & Inbox, consumer: string, eventId: string, apply: () => Promise<void>): Promise<boolean> {
  return db.transaction(async () => {
    if (!(await db.claim(consumer, eventId))) return false;
    await apply();
    return true;
  });
}
