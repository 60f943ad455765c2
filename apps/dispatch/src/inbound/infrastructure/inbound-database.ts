import { openSqlite } from '@sms/service-kit';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import type { DatabaseSync } from 'node:sqlite';
import { INBOUND_SCHEMA } from './sqlite-inbound-repository';

/** Inbound's own file: routed replies, opt-outs, its inbox and its outbox checkpoint. */
export interface InboundSqlite {
  db: DatabaseSync;
  readModels: SqliteReadModelDatabase;
}

/** Inbound's adapters' view of its open file; replies still in dispatch's file (`legacy`) move over once. */
export function inboundSqlite(db: DatabaseSync, legacy?: DatabaseSync): InboundSqlite {
  const readModels = new SqliteReadModelDatabase(db);
  db.exec(INBOUND_SCHEMA);
  if (legacy) adoptLegacyInbound(legacy, db);
  return { db, readModels };
}

export const openInboundDatabase = (path: string, legacy?: DatabaseSync): InboundSqlite => inboundSqlite(openSqlite(path), legacy);

const LEGACY_TABLES = ['inbound_messages', 'opt_outs', 'inbound_processed_events'];

/**
 * Replies and opt-outs used to live in dispatch's file. Moves them (with the inbound consumer's claims and its
 * outbox checkpoint) into inbound's own file once, then drops them from the old one.
 */
function adoptLegacyInbound(from: DatabaseSync, to: DatabaseSync): void {
  const present = (name: string) => from.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
  if (!LEGACY_TABLES.some(present)) return;
  to.exec('BEGIN IMMEDIATE');
  try {
    const copy = (select: string, insert: string) => {
      const statement = to.prepare(insert);
      for (const row of from.prepare(select).iterate()) statement.run(...(Object.values(row as object) as Array<string | number | null>));
    };
    if (present('inbound_messages')) {
      copy(
        'SELECT inbound_id, account_id, signature_id, phone_number, content, received_at, opt_out FROM inbound_messages',
        'INSERT OR IGNORE INTO inbound_messages (inbound_id, account_id, signature_id, phone_number, content, received_at, opt_out) VALUES (?,?,?,?,?,?,?)',
      );
    }
    if (present('opt_outs')) copy('SELECT account_id, phone_number, signature_id, at FROM opt_outs', 'INSERT OR IGNORE INTO opt_outs (account_id, phone_number, signature_id, at) VALUES (?,?,?,?)');
    if (present('inbound_processed_events')) copy("SELECT 'inbound', event_id FROM inbound_processed_events", 'INSERT OR IGNORE INTO inbox (consumer, event_id) VALUES (?,?)');
    copy(
      "SELECT name, position, updated FROM checkpoints WHERE name = 'dispatch.inbound'",
      'INSERT OR IGNORE INTO checkpoints (name, position, updated) VALUES (?,?,?)',
    );
    to.exec('COMMIT');
  } catch (error) {
    if (to.isTransaction) to.exec('ROLLBACK');
    throw error;
  }
  // Only once the new file holds them: a crash in between copies again (INSERT OR IGNORE).
  from.exec(`DROP TABLE IF EXISTS inbound_messages; DROP TABLE IF EXISTS opt_outs; DROP TABLE IF EXISTS inbound_processed_events; DELETE FROM checkpoints WHERE name = 'dispatch.inbound'`);
}
