import { openSqlite } from '@sms/service-kit';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import type { DatabaseSync } from 'node:sqlite';

/** Dispatch's read-model file: the message read model, the send directory, the inbox and the checkpoints. */
export interface DispatchSqlite {
  db: DatabaseSync;
  /** Unit of work, the service's inbox, checkpoints (outboxes and the message projection). */
  readModels: SqliteReadModelDatabase;
}

/** Dispatch's adapters' view of its open file (claims of an older layout adopted). */
export function dispatchSqlite(db: DatabaseSync): DispatchSqlite {
  const readModels = new SqliteReadModelDatabase(db);
  adoptLegacyClaims(db);
  return { db, readModels };
}

export const openDispatchDatabase = (path: string): DispatchSqlite => dispatchSqlite(openSqlite(path));

/** Files written before the one inbox kept the consumers' claims in `processed_events`: move them into the inbox. */
function adoptLegacyClaims(db: DatabaseSync): void {
  const legacy = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'processed_events'").get();
  if (!legacy) return;
  db.exec('BEGIN IMMEDIATE; INSERT OR IGNORE INTO inbox (consumer, event_id) SELECT consumer, event_id FROM processed_events; DROP TABLE processed_events; COMMIT');
}
