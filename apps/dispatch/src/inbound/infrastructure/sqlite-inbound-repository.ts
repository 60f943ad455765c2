import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { InboundQuery, InboundRecord, InboundRepository } from '../application/inbound-repository';
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

export const INBOUND_SCHEMA = `
CREATE TABLE IF NOT EXISTS inbound_messages (
  inbound_id TEXT PRIMARY KEY, account_id TEXT, signature_id TEXT, phone_number TEXT NOT NULL, content TEXT NOT NULL,
  received_at TEXT NOT NULL, opt_out INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS inbound_messages_by_account ON inbound_messages (account_id, received_at, inbound_id);
CREATE TABLE IF NOT EXISTS opt_outs (
  account_id TEXT NOT NULL, phone_number TEXT NOT NULL, signature_id TEXT, at TEXT NOT NULL, PRIMARY KEY (account_id, phone_number)
) WITHOUT ROWID;
`;

/** Routed replies and opt-outs in inbound's own SQLite file. */
export class SqliteInboundRepository implements InboundRepository {
  private readonly insertInbound: StatementSync;
  private readonly getInbound: StatementSync;
  private readonly insertOptOut: StatementSync;
  private readonly getOptOut: StatementSync;
  private readonly queries = new Map<string, StatementSync>();

  constructor(private readonly db: DatabaseSync) {
    db.exec(INBOUND_SCHEMA);
    this.insertInbound = db.prepare(
      `INSERT OR IGNORE INTO inbound_messages (inbound_id, account_id, signature_id, phone_number, content, received_at, opt_out)
       VALUES (?,?,?,?,?,?,?)`,
    );
    this.getInbound = db.prepare('SELECT * FROM inbound_messages WHERE inbound_id = ?');
    // The first opt-out stands: it is when consent was withdrawn.
    this.insertOptOut = db.prepare('INSERT OR IGNORE INTO opt_outs (account_id, phone_number, signature_id, at) VALUES (?,?,?,?)');
    this.getOptOut = db.prepare('SELECT 1 AS found FROM opt_outs WHERE account_id = ? AND phone_number = ?');
  }

  async record(routed: InboundRouted): Promise<void> {
    this.insertInbound.run(
      routed.inboundId, routed.accountId ?? null, routed.signatureId ?? null, routed.phoneNumber, routed.content, routed.receivedAt,
      routed.optOut ? 1 : 0,
    );
    if (routed.optOut && routed.accountId) {
      this.insertOptOut.run(routed.accountId, routed.phoneNumber, routed.signatureId ?? null, routed.receivedAt);
    }
  }

  async find(inboundId: string): Promise<InboundRecord | undefined> {
    const row = this.getInbound.get(inboundId) as InboundRow | undefined;
    return row && toRecord(row);
  }

  async isOptedOut(accountId: string, phoneNumber: string): Promise<boolean> {
    return this.getOptOut.get(accountId, phoneNumber) !== undefined;
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
    return (statement.all(...args) as unknown as InboundRow[]).map(toRecord);
  }
}

function toRecord(row: InboundRow): InboundRecord {
  return {
    inboundId: row.inbound_id,
    ...(row.account_id !== null ? { accountId: row.account_id } : {}),
    ...(row.signature_id !== null ? { signatureId: row.signature_id } : {}),
    phoneNumber: row.phone_number,
    content: row.content,
    receivedAt: row.received_at,
    optOut: row.opt_out === 1,
  };
}
