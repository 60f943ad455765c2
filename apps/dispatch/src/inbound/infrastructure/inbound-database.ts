import { DataKeyDestroyedError, DataKeyRing, UNATTRIBUTED } from '@sms/data-protection';
import { openSqlite } from '@sms/service-kit';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import type { DatabaseSync } from 'node:sqlite';
import { type DataProtection, phoneIndexOf } from '../../messages/infrastructure/phone-index';
import { INBOUND_SCHEMA } from './sqlite-inbound-repository';

/** Inbound's own file: routed replies, opt-outs, its inbox and its outbox checkpoint. */
export interface InboundSqlite {
  db: DatabaseSync;
  readModels: SqliteReadModelDatabase;
}

/**
 * Inbound's adapters' view of its open file; replies still in dispatch's file (`legacy`) move over once, and what an
 * older file kept in clear is sealed (ADR 0016).
 */
export function inboundSqlite(db: DatabaseSync, protection: DataProtection, legacy?: DatabaseSync): InboundSqlite {
  const readModels = new SqliteReadModelDatabase(db);
  db.exec(INBOUND_SCHEMA);
  const indexed = indexOptOuts(db, protection);
  numberOptOuts(db, protection);
  if (legacy) adoptLegacyInbound(legacy, db, protection);
  const sealed = sealReplies(db, protection);
  // Rewrite the file so no freed page still holds a number or a reply.
  if (indexed || sealed) db.exec('VACUUM; PRAGMA wal_checkpoint(TRUNCATE)');
  return { db, readModels };
}

export const openInboundDatabase = (path: string, protection: DataProtection, legacy?: DatabaseSync): InboundSqlite => inboundSqlite(openSqlite(path), protection, legacy);

/** An opt-out's number, sealed with the account's lifetime key (ADR 0017); null once the account was erased. */
function sealOptOut(protection: DataProtection, accountId: string, phoneNumber: string): string | null {
  try {
    return protection.ring.seal(accountId, phoneNumber, { lifetime: true });
  } catch (error) {
    if (error instanceof DataKeyDestroyedError) return null;
    throw error;
  }
}

/** Before ADR 0016 opt-outs were keyed by the number itself: rekey them by its blind index. */
function indexOptOuts(db: DatabaseSync, protection: DataProtection): boolean {
  const columns = (db.prepare("SELECT name FROM pragma_table_info('opt_outs')").all() as Array<{ name: string }>).map((c) => c.name);
  if (!columns.includes('phone_number')) return false;
  inTransaction(db, () => {
    db.exec(`CREATE TABLE opt_outs_indexed (
      account_id TEXT NOT NULL, phone_index TEXT NOT NULL, signature_id TEXT, at TEXT NOT NULL, sealed_number TEXT, inbound_id TEXT,
      PRIMARY KEY (account_id, phone_index)) WITHOUT ROWID`);
    const insert = db.prepare('INSERT OR IGNORE INTO opt_outs_indexed (account_id, phone_index, signature_id, at, sealed_number) VALUES (?,?,?,?,?)');
    for (const row of db.prepare('SELECT account_id, phone_number, signature_id, at FROM opt_outs ORDER BY at').iterate() as Iterable<OptOutRow>) {
      insert.run(row.account_id, phoneIndexOf(protection.blindIndex, row.phone_number), row.signature_id, row.at, sealOptOut(protection, row.account_id, row.phone_number));
    }
    db.exec('DROP TABLE opt_outs; ALTER TABLE opt_outs_indexed RENAME TO opt_outs');
  });
  return true;
}

/**
 * Before ADR 0017 an opt-out held only the blind index of its number, which it read from its reply for listing: now
 * replies age out (retention) while opt-outs stay, so each keeps its number sealed with the account's lifetime key,
 * taken once from the reply it came from.
 */
function numberOptOuts(db: DatabaseSync, protection: DataProtection): void {
  const columns = (db.prepare("SELECT name FROM pragma_table_info('opt_outs')").all() as Array<{ name: string }>).map((c) => c.name);
  if (columns.includes('sealed_number')) return;
  inTransaction(db, () => {
    db.exec('ALTER TABLE opt_outs ADD COLUMN sealed_number TEXT; ALTER TABLE opt_outs ADD COLUMN inbound_id TEXT');
    const fill = db.prepare('UPDATE opt_outs SET sealed_number = ?, inbound_id = ? WHERE account_id = ? AND phone_index = ? AND sealed_number IS NULL');
    const replies = db.prepare('SELECT inbound_id, account_id, phone_number FROM inbound_messages WHERE opt_out = 1 AND account_id IS NOT NULL ORDER BY received_at');
    for (const reply of replies.iterate() as Iterable<{ inbound_id: string; account_id: string; phone_number: string }>) {
      const number = DataKeyRing.isSealed(reply.phone_number) ? protection.ring.open(reply.account_id, reply.phone_number) : reply.phone_number;
      if (number === undefined) continue;
      fill.run(sealOptOut(protection, reply.account_id, number), reply.inbound_id, reply.account_id, phoneIndexOf(protection.blindIndex, number));
    }
  });
}

/** Replies stored before ADR 0016 (a number is never a sealed value, so an unsealed number marks one): sealed in place. */
function sealReplies(db: DatabaseSync, protection: DataProtection): boolean {
  const rows = db.prepare(`SELECT inbound_id, account_id, phone_number, content FROM inbound_messages WHERE phone_number NOT LIKE 'pd1.%' AND phone_number NOT LIKE 'pd2.%'`).all() as Array<{
    inbound_id: string;
    account_id: string | null;
    phone_number: string;
    content: string;
  }>;
  if (rows.length === 0) return false;
  inTransaction(db, () => {
    const update = db.prepare('UPDATE inbound_messages SET phone_number = ?, content = ? WHERE inbound_id = ?');
    for (const row of rows) {
      const owner = row.account_id ?? UNATTRIBUTED;
      const seal = (value: string) => (DataKeyRing.isSealed(value) ? value : protection.ring.seal(owner, value));
      update.run(seal(row.phone_number), seal(row.content), row.inbound_id);
    }
  });
  return true;
}

interface OptOutRow {
  account_id: string;
  phone_number: string;
  signature_id: string | null;
  at: string;
}

function inTransaction(db: DatabaseSync, work: () => void): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    work();
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

const LEGACY_TABLES = ['inbound_messages', 'opt_outs', 'inbound_processed_events'];

/**
 * Replies and opt-outs used to live in dispatch's file. Moves them (with the inbound consumer's claims and its
 * outbox checkpoint) into inbound's own file once, then drops them from the old one.
 */
function adoptLegacyInbound(from: DatabaseSync, to: DatabaseSync, protection: DataProtection): void {
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
    if (present('opt_outs')) {
      const insert = to.prepare('INSERT OR IGNORE INTO opt_outs (account_id, phone_index, signature_id, at, sealed_number) VALUES (?,?,?,?,?)');
      for (const row of from.prepare('SELECT account_id, phone_number, signature_id, at FROM opt_outs').iterate() as Iterable<OptOutRow>) {
        insert.run(row.account_id, phoneIndexOf(protection.blindIndex, row.phone_number), row.signature_id, row.at, sealOptOut(protection, row.account_id, row.phone_number));
      }
    }
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
