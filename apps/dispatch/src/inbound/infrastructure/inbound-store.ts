import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { LastOutbound } from '../domain/decide-inbound';
import type { InboundRouted } from '../domain/events';

export interface InboundRow {
  inbound_id: string;
  account_id: string | null;
  signature_id: string | null;
  phone_number: string;
  content: string;
  received_at: string;
  opt_out: number;
}

export interface InboundQuery {
  accountId: string;
  from?: string;
  to?: string;
  /** Opaque: the (received_at, inbound_id) of the last row of the previous page. */
  after?: { receivedAt: string; inboundId: string };
  limit: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS inbound_messages (
  inbound_id TEXT PRIMARY KEY, account_id TEXT, signature_id TEXT, phone_number TEXT NOT NULL, content TEXT NOT NULL,
  received_at TEXT NOT NULL, opt_out INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS inbound_messages_by_account ON inbound_messages (account_id, received_at, inbound_id);
CREATE TABLE IF NOT EXISTS opt_outs (
  account_id TEXT NOT NULL, phone_number TEXT NOT NULL, signature_id TEXT, at TEXT NOT NULL, PRIMARY KEY (account_id, phone_number)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS inbound_processed_events (event_id TEXT PRIMARY KEY) WITHOUT ROWID;
`;

// Messages that never left the platform cannot have been answered; a FAILED one counts only if the operator took it.
const REACHABLE = `status NOT IN ('BLOCKED', 'REJECTED', 'CANCELLED') AND NOT (status = 'FAILED' AND submitted_at IS NULL)`;

/**
 * The inbound read model and opt-out list, in dispatch's SQLite file. It reads dispatch's `messages` table to find
 * who last wrote to a number, so construct it after DispatchStore has created that table.
 */
export class InboundStore {
  private readonly lastSent: StatementSync;
  private readonly insertInbound: StatementSync;
  private readonly getInbound: StatementSync;
  private readonly insertOptOut: StatementSync;
  private readonly getOptOut: StatementSync;
  private readonly markProcessed: StatementSync;

  constructor(readonly db: DatabaseSync) {
    db.exec(SCHEMA);
    // Walks messages_by_phone (phone_number, accepted_at) backwards from the reply's time.
    this.lastSent = db.prepare(
      `SELECT account_id AS accountId, signature_id AS signatureId, accepted_at AS sentAt FROM messages
       WHERE phone_number = ? AND accepted_at <= ? AND accepted_at >= ? AND ${REACHABLE}
       ORDER BY accepted_at DESC LIMIT 1`,
    );
    this.insertInbound = db.prepare(
      `INSERT OR IGNORE INTO inbound_messages (inbound_id, account_id, signature_id, phone_number, content, received_at, opt_out)
       VALUES (?,?,?,?,?,?,?)`,
    );
    this.getInbound = db.prepare('SELECT * FROM inbound_messages WHERE inbound_id = ?');
    // The first opt-out stands: it is when consent was withdrawn.
    this.insertOptOut = db.prepare('INSERT OR IGNORE INTO opt_outs (account_id, phone_number, signature_id, at) VALUES (?,?,?,?)');
    this.getOptOut = db.prepare('SELECT 1 AS found FROM opt_outs WHERE account_id = ? AND phone_number = ?');
    this.markProcessed = db.prepare('INSERT OR IGNORE INTO inbound_processed_events (event_id) VALUES (?)');
  }

  /** Records that the inbound consumer handled an event; false when it already had. Call inside a transaction. */
  claim(eventId: string): boolean {
    return Number(this.markProcessed.run(eventId).changes) === 1;
  }

  /** The newest message to `phoneNumber` accepted in [notBefore, notAfter] that could have reached the handset. */
  lastOutboundTo(phoneNumber: string, notAfter: string, notBefore: string): LastOutbound | undefined {
    const row = this.lastSent.get(phoneNumber, notAfter, notBefore) as LastOutbound | undefined;
    return row ? { accountId: row.accountId, signatureId: row.signatureId, sentAt: row.sentAt } : undefined;
  }

  /** Stores a routed reply once (by inbound id) and, for a matched opt-out, the account's opt-out of that number. */
  record(routed: InboundRouted): void {
    this.insertInbound.run(
      routed.inboundId, routed.accountId ?? null, routed.signatureId ?? null, routed.phoneNumber, routed.content, routed.receivedAt,
      routed.optOut ? 1 : 0,
    );
    if (routed.optOut && routed.accountId) {
      this.insertOptOut.run(routed.accountId, routed.phoneNumber, routed.signatureId ?? null, routed.receivedAt);
    }
  }

  inbound(inboundId: string): InboundRow | undefined {
    return this.getInbound.get(inboundId) as InboundRow | undefined;
  }

  /** Whether the recipient replied an opt-out keyword to this account (send-time refusal of marketing uses it). */
  isOptedOut(accountId: string, phoneNumber: string): boolean {
    return this.getOptOut.get(accountId, phoneNumber) !== undefined;
  }

  queryInbound(q: InboundQuery): InboundRow[] {
    const where = ['account_id = ?'];
    const args: Array<string | number> = [q.accountId];
    if (q.from) {
      where.push('received_at >= ?');
      args.push(q.from);
    }
    if (q.to) {
      where.push('received_at < ?');
      args.push(q.to);
    }
    if (q.after) {
      where.push('(received_at, inbound_id) > (?, ?)');
      args.push(q.after.receivedAt, q.after.inboundId);
    }
    args.push(q.limit);
    return this.db
      .prepare(`SELECT * FROM inbound_messages WHERE ${where.join(' AND ')} ORDER BY received_at, inbound_id LIMIT ?`)
      .all(...args) as unknown as InboundRow[];
  }
}
