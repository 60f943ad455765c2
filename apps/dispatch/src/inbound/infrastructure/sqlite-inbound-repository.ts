import { DataKeyDestroyedError, DataKeyRing, UNATTRIBUTED } from '@sms/data-protection';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { type DataProtection, phoneIndexOf } from '../../messages/infrastructure/phone-index';
import type { InboundQuery, InboundRecord, InboundRepository, OptOutQuery, OptOutRecord } from '../application/inbound-repository';
import type { InboundRouted } from '../domain/events';

interface InboundRow {
  inbound_id: string;
  account_id: string | null;
  signature_id: string | null;
  phone_number: string;
  content: string;
  received_at: string;
  opt_out: number;
}

interface OptOutRow {
  account_id: string;
  phone_index: string;
  signature_id: string | null;
  at: string;
  sealed_number: string | null;
  inbound_id: string | null;
}

/**
 * `phone_number` and `content` hold sealed values (ADR 0016) — the account's key of the epoch they were sealed in, or
 * the platform's unattributed key for a reply no send claims. Opt-outs are looked up by the blind index of the number
 * and keep the number sealed with the account's lifetime key (`sealed_number`), so retention, which deletes replies,
 * leaves them listable (ADR 0017).
 */
export const INBOUND_SCHEMA = `
CREATE TABLE IF NOT EXISTS inbound_messages (
  inbound_id TEXT PRIMARY KEY, account_id TEXT, signature_id TEXT, phone_number TEXT NOT NULL, content TEXT NOT NULL,
  received_at TEXT NOT NULL, opt_out INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS inbound_messages_by_account ON inbound_messages (account_id, received_at, inbound_id);
CREATE TABLE IF NOT EXISTS opt_outs (
  account_id TEXT NOT NULL, phone_index TEXT NOT NULL, signature_id TEXT, at TEXT NOT NULL, sealed_number TEXT, inbound_id TEXT,
  PRIMARY KEY (account_id, phone_index)
) WITHOUT ROWID;
`;

/** Sorts after every RFC 3339 time: "before the end of time" is everything. */
const END_OF_TIME = '9999';

/** Routed replies and opt-outs in inbound's own SQLite file. */
export class SqliteInboundRepository implements InboundRepository {
  private readonly insertInbound: StatementSync;
  private readonly getInbound: StatementSync;
  private readonly insertOptOut: StatementSync;
  private readonly getOptOut: StatementSync;
  private readonly anyOptOut: StatementSync;
  private readonly optedOutIn: StatementSync;
  private readonly deleteOptOut: StatementSync;
  private readonly optOutPage: StatementSync;
  private readonly purgeStmts: Record<'replies' | 'optOuts', StatementSync>;
  private readonly queries = new Map<string, StatementSync>();

  constructor(
    private readonly db: DatabaseSync,
    private readonly protection: DataProtection,
  ) {
    db.exec(INBOUND_SCHEMA);
    this.insertInbound = db.prepare(
      `INSERT OR IGNORE INTO inbound_messages (inbound_id, account_id, signature_id, phone_number, content, received_at, opt_out)
       VALUES (?,?,?,?,?,?,?)`,
    );
    this.getInbound = db.prepare('SELECT * FROM inbound_messages WHERE inbound_id = ?');
    // The first opt-out stands: it is when consent was withdrawn.
    this.insertOptOut = db.prepare('INSERT OR IGNORE INTO opt_outs (account_id, phone_index, signature_id, at, sealed_number, inbound_id) VALUES (?,?,?,?,?,?)');
    this.getOptOut = db.prepare('SELECT 1 AS found FROM opt_outs WHERE account_id = ? AND phone_index = ?');
    this.anyOptOut = db.prepare('SELECT 1 AS found FROM opt_outs WHERE account_id = ? LIMIT 1');
    this.optedOutIn = db.prepare('SELECT phone_index FROM opt_outs WHERE account_id = ? AND phone_index IN (SELECT value FROM json_each(?))');
    this.deleteOptOut = db.prepare('DELETE FROM opt_outs WHERE account_id = ? AND phone_index = ?');
    this.optOutPage = db.prepare('SELECT * FROM opt_outs WHERE account_id = ? AND phone_index > ? ORDER BY phone_index LIMIT ?');
    this.purgeStmts = {
      replies: db.prepare(
        'DELETE FROM inbound_messages WHERE inbound_id IN (SELECT inbound_id FROM inbound_messages WHERE account_id = ? AND received_at < ? ORDER BY received_at, inbound_id LIMIT ?)',
      ),
      optOuts: db.prepare('DELETE FROM opt_outs WHERE account_id = ?'),
    };
  }

  async record(routed: InboundRouted): Promise<void> {
    const owner = routed.accountId ?? UNATTRIBUTED;
    this.insertInbound.run(
      routed.inboundId, routed.accountId ?? null, routed.signatureId ?? null, this.seal(owner, routed.phoneNumber), this.seal(owner, routed.content),
      routed.receivedAt, routed.optOut ? 1 : 0,
    );
    if (routed.optOut && routed.accountId && routed.phoneNumber !== PERSONAL_DATA_DESTROYED) {
      const number = this.seal(routed.accountId, routed.phoneNumber, true);
      this.insertOptOut.run(
        routed.accountId, phoneIndexOf(this.protection.blindIndex, routed.phoneNumber), routed.signatureId ?? null, routed.receivedAt,
        number === PERSONAL_DATA_DESTROYED ? null : number, routed.inboundId,
      );
    }
  }

  async optOuts(q: OptOutQuery): Promise<{ items: OptOutRecord[]; nextCursor?: string }> {
    const rows = this.optOutPage.all(q.accountId, q.after ?? '', q.limit + 1) as unknown as OptOutRow[];
    const items = rows.slice(0, q.limit).map((row) => ({
      accountId: row.account_id,
      phoneNumber: row.sealed_number ? this.open(row.account_id, row.sealed_number) : PERSONAL_DATA_DESTROYED,
      optedOutAt: row.at,
      ...(row.signature_id !== null ? { signatureId: row.signature_id } : {}),
      ...(row.inbound_id !== null ? { inboundId: row.inbound_id } : {}),
    }));
    return rows.length > q.limit ? { items, nextCursor: rows[q.limit - 1].phone_index } : { items };
  }

  async purge(accountId: string, before: string | undefined, limit: number): Promise<number> {
    const deleted = Number(this.purgeStmts.replies.run(accountId, before ?? END_OF_TIME, limit).changes);
    if (before === undefined) this.purgeStmts.optOuts.run(accountId);
    return deleted;
  }

  async find(inboundId: string): Promise<InboundRecord | undefined> {
    const row = this.getInbound.get(inboundId) as InboundRow | undefined;
    return row && this.toRecord(row);
  }

  async isOptedOut(accountId: string, phoneNumber: string): Promise<boolean> {
    return this.getOptOut.get(accountId, phoneIndexOf(this.protection.blindIndex, phoneNumber)) !== undefined;
  }

  async optedOutAmong(accountId: string, phoneNumbers: string[]): Promise<Set<string>> {
    // Most accounts have no opt-out: one probe spares indexing a thousand numbers.
    if (phoneNumbers.length === 0 || this.anyOptOut.get(accountId) === undefined) return new Set();
    const byIndex = new Map(phoneNumbers.map((number) => [phoneIndexOf(this.protection.blindIndex, number), number]));
    const rows = this.optedOutIn.all(accountId, JSON.stringify([...byIndex.keys()])) as Array<{ phone_index: string }>;
    return new Set(rows.map((row) => byIndex.get(row.phone_index) as string));
  }

  async readmit(accountId: string, phoneNumber: string): Promise<boolean> {
    return Number(this.deleteOptOut.run(accountId, phoneIndexOf(this.protection.blindIndex, phoneNumber)).changes) > 0;
  }

  async query(q: InboundQuery): Promise<InboundRecord[]> {
    const where = ['account_id = ?'];
    const args: Array<string | number> = [q.accountId];
    if (q.from !== undefined) {
      where.push('received_at >= ?');
      args.push(q.from);
    }
    if (q.to !== undefined) {
      where.push('received_at < ?');
      args.push(q.to);
    }
    if (q.after) {
      where.push('(received_at, inbound_id) > (?, ?)');
      args.push(q.after.receivedAt, q.after.inboundId);
    }
    args.push(q.limit);
    const sql = `SELECT * FROM inbound_messages WHERE ${where.join(' AND ')} ORDER BY received_at, inbound_id LIMIT ?`;
    let statement = this.queries.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.queries.set(sql, statement);
    }
    return (statement.all(...args) as unknown as InboundRow[]).map((row) => this.toRecord(row));
  }

  /** A replay after the owner's erasure brings the placeholder itself: it is kept as it is, there is nothing left to seal. */
  private seal(owner: string, value: string, lifetime = false): string {
    try {
      return lifetime ? this.protection.ring.seal(owner, value, { lifetime: true }) : this.protection.ring.seal(owner, value);
    } catch (error) {
      if (error instanceof DataKeyDestroyedError) return PERSONAL_DATA_DESTROYED;
      throw error;
    }
  }

  private open(owner: string, value: string): string {
    return DataKeyRing.isSealed(value) ? (this.protection.ring.open(owner, value) ?? PERSONAL_DATA_DESTROYED) : value;
  }

  private toRecord(row: InboundRow): InboundRecord {
    const owner = row.account_id ?? UNATTRIBUTED;
    return {
      inboundId: row.inbound_id,
      ...(row.account_id !== null ? { accountId: row.account_id } : {}),
      ...(row.signature_id !== null ? { signatureId: row.signature_id } : {}),
      phoneNumber: this.open(owner, row.phone_number),
      content: this.open(owner, row.content),
      receivedAt: row.received_at,
      optOut: row.opt_out === 1,
    };
  }
}
