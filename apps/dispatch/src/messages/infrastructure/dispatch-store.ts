import type { AccountStatus, MessageKind, MessageStatus, ReviewStatus } from '@sms/contracts';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { BatchAccepted } from '../domain/events';
import { statusRank, statusRankSql } from '../domain/message-status';

export interface MessageRow {
  message_id: string;
  batch_id: string;
  account_id: string;
  phone_number: string;
  country_code: string;
  operator: string;
  kind: string;
  signature_id: string;
  template_id: string;
  out_id: string | null;
  segments: number;
  encoding: string;
  text: string;
  status: MessageStatus;
  error_code: string | null;
  error_detail: string | null;
  channel_id: string | null;
  operator_message_ids: string | null;
  accepted_at: string;
  submitted_at: string | null;
  done_at: string | null;
}

export interface StatusUpdate {
  messageId: string;
  status: MessageStatus;
  errorCode?: string;
  errorDetail?: string;
  channelId?: string;
  operatorMessageIds?: string[];
  submittedAt?: string;
  doneAt?: string;
}

export interface MessageQuery {
  accountId: string;
  phoneNumber?: string;
  status?: MessageStatus;
  from?: string;
  to?: string;
  /** Opaque: the (accepted_at, message_id) of the last row of the previous page. */
  after?: { acceptedAt: string; messageId: string };
  limit: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
  message_id TEXT PRIMARY KEY, batch_id TEXT NOT NULL, account_id TEXT NOT NULL, phone_number TEXT NOT NULL,
  country_code TEXT NOT NULL, operator TEXT NOT NULL, kind TEXT NOT NULL, signature_id TEXT NOT NULL,
  template_id TEXT NOT NULL, out_id TEXT, segments INTEGER NOT NULL, encoding TEXT NOT NULL, text TEXT NOT NULL,
  status TEXT NOT NULL, error_code TEXT, error_detail TEXT, channel_id TEXT, operator_message_ids TEXT,
  accepted_at TEXT NOT NULL, submitted_at TEXT, done_at TEXT
);
CREATE INDEX IF NOT EXISTS messages_by_account ON messages (account_id, accepted_at, message_id);
CREATE INDEX IF NOT EXISTS messages_by_phone ON messages (phone_number, accepted_at);
CREATE INDEX IF NOT EXISTS messages_by_status ON messages (account_id, status, accepted_at, message_id);
CREATE TABLE IF NOT EXISTS accounts (account_id TEXT PRIMARY KEY, status TEXT NOT NULL, currency TEXT NOT NULL, changed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS signatures (signature_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL, changed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS templates (template_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, content TEXT NOT NULL, status TEXT NOT NULL, changed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS processed_events (consumer TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (consumer, event_id)) WITHOUT ROWID;
`;

/** Dispatch's own SQLite: the message read model and local projections of accounts, signatures and templates. */
export class DispatchStore {
  private readonly insertMessage: StatementSync;
  private readonly getMessage: StatementSync;
  private readonly advanceStatuses: StatementSync;
  private readonly setError: StatementSync;
  private readonly byIds = new Map<number, StatementSync>();
  private readonly markProcessed: StatementSync;
  private readonly upsertAccount: StatementSync;
  private readonly upsertSignature: StatementSync;
  private readonly upsertTemplate: StatementSync;

  constructor(readonly db: DatabaseSync) {
    db.exec(SCHEMA);
    this.insertMessage = db.prepare(
      `INSERT OR IGNORE INTO messages (message_id, batch_id, account_id, phone_number, country_code, operator, kind, signature_id,
        template_id, out_id, segments, encoding, text, status, accepted_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,'ACCEPTED',?)`,
    );
    this.getMessage = db.prepare('SELECT * FROM messages WHERE message_id = ?');
    // Events about one message arrive in any order: the status (and its error) only moves forward, while facts a
    // late event brings (submit time, operator ids) are still filled in; COALESCE keeps what is already known.
    // One statement per event: SQLite unpacks the JSON, no call per row.
    const advancesRow = `(${statusRankSql('messages.status')}) < u.rank`;
    this.advanceStatuses = db.prepare(
      `UPDATE messages SET status = CASE WHEN ${advancesRow} THEN u.status ELSE messages.status END,
        error_code = CASE WHEN ${advancesRow} THEN COALESCE(u.error_code, messages.error_code) ELSE messages.error_code END,
        error_detail = CASE WHEN ${advancesRow} THEN COALESCE(u.error_detail, messages.error_detail) ELSE messages.error_detail END,
        channel_id = COALESCE(u.channel_id, messages.channel_id), operator_message_ids = COALESCE(u.operator_message_ids, messages.operator_message_ids),
        submitted_at = COALESCE(u.submitted_at, messages.submitted_at), done_at = COALESCE(u.done_at, messages.done_at)
       FROM (SELECT value ->> '$.messageId' AS message_id, value ->> '$.status' AS status, value ->> '$.rank' AS rank,
               value ->> '$.errorCode' AS error_code, value ->> '$.errorDetail' AS error_detail, value ->> '$.channelId' AS channel_id,
               value -> '$.operatorMessageIds' AS operator_message_ids, value ->> '$.submittedAt' AS submitted_at, value ->> '$.doneAt' AS done_at
             FROM json_each(?)) AS u
       WHERE messages.message_id = u.message_id`,
    );
    this.setError = db.prepare('UPDATE messages SET error_code = ?, error_detail = ? WHERE message_id = ?');
    this.markProcessed = db.prepare('INSERT OR IGNORE INTO processed_events (consumer, event_id) VALUES (?, ?)');
    this.upsertAccount = db.prepare(
      `INSERT INTO accounts (account_id, status, currency, changed_at) VALUES (?,?,?,?)
       ON CONFLICT (account_id) DO UPDATE SET status = excluded.status, currency = excluded.currency, changed_at = excluded.changed_at
       WHERE excluded.changed_at >= accounts.changed_at`,
    );
    this.upsertSignature = db.prepare(
      `INSERT INTO signatures (signature_id, account_id, name, status, changed_at) VALUES (?,?,?,?,?)
       ON CONFLICT (signature_id) DO UPDATE SET name = excluded.name, status = excluded.status, changed_at = excluded.changed_at
       WHERE excluded.changed_at >= signatures.changed_at`,
    );
    this.upsertTemplate = db.prepare(
      `INSERT INTO templates (template_id, account_id, name, kind, content, status, changed_at) VALUES (?,?,?,?,?,?,?)
       ON CONFLICT (template_id) DO UPDATE SET name = excluded.name, kind = excluded.kind, content = excluded.content,
       status = excluded.status, changed_at = excluded.changed_at WHERE excluded.changed_at >= templates.changed_at`,
    );
  }

  /** Records that a consumer handled an event; false when it already had (a redelivery). Call inside a transaction. */
  claim(consumer: string, eventId: string): boolean {
    return Number(this.markProcessed.run(consumer, eventId).changes) === 1;
  }

  insertBatch(batch: BatchAccepted): void {
    for (const m of batch.messages) {
      this.insertMessage.run(
        m.messageId, batch.batchId, batch.accountId, m.phoneNumber, m.countryCode, m.operator, batch.kind, batch.signatureId,
        batch.templateId, batch.outId ?? null, m.segments, m.encoding, m.text, batch.acceptedAt,
      );
    }
  }

  message(messageId: string): MessageRow | undefined {
    return this.getMessage.get(messageId) as MessageRow | undefined;
  }

  /** Moves each message to its status if that is forward, and records the details either way. */
  advanceMany(updates: StatusUpdate[]): void {
    if (updates.length === 0) return;
    this.advanceStatuses.run(JSON.stringify(updates.map((u) => ({ ...u, rank: statusRank(u.status) }))));
  }

  /** Notes why a message waits (e.g. held for review) without changing its status. */
  annotate(messageId: string, code: string, detail: string): void {
    this.setError.run(code, detail, messageId);
  }

  /** Rows for many messages in a few statements (chunks of 500 ids). */
  messages(messageIds: string[]): Map<string, MessageRow> {
    const rows = new Map<string, MessageRow>();
    for (let i = 0; i < messageIds.length; i += 500) {
      const chunk = messageIds.slice(i, i + 500);
      let statement = this.byIds.get(chunk.length);
      if (!statement) {
        statement = this.db.prepare(`SELECT * FROM messages WHERE message_id IN (${chunk.map(() => '?').join(',')})`);
        this.byIds.set(chunk.length, statement);
      }
      for (const row of statement.all(...chunk) as unknown as MessageRow[]) rows.set(row.message_id, row);
    }
    return rows;
  }

  saveAccount(accountId: string, status: AccountStatus, currency: string, changedAt: string): void {
    this.upsertAccount.run(accountId, status, currency, changedAt);
  }

  account(accountId: string): { status: AccountStatus } | undefined {
    return this.db.prepare('SELECT status FROM accounts WHERE account_id = ?').get(accountId) as { status: AccountStatus } | undefined;
  }

  saveSignature(s: { signatureId: string; accountId: string; name: string; status: ReviewStatus; changedAt: string }): void {
    this.upsertSignature.run(s.signatureId, s.accountId, s.name, s.status, s.changedAt);
  }

  signature(signatureId: string): { accountId: string; name: string; status: ReviewStatus } | undefined {
    return this.db.prepare('SELECT account_id AS accountId, name, status FROM signatures WHERE signature_id = ?').get(signatureId) as any;
  }

  saveTemplate(t: { templateId: string; accountId: string; name: string; kind: MessageKind; content: string; status: ReviewStatus; changedAt: string }): void {
    this.upsertTemplate.run(t.templateId, t.accountId, t.name, t.kind, t.content, t.status, t.changedAt);
  }

  template(templateId: string): { accountId: string; kind: MessageKind; content: string; status: ReviewStatus } | undefined {
    return this.db.prepare('SELECT account_id AS accountId, kind, content, status FROM templates WHERE template_id = ?').get(templateId) as any;
  }

  queryMessages(q: MessageQuery): MessageRow[] {
    const where = ['account_id = ?'];
    const args: Array<string | number> = [q.accountId];
    if (q.phoneNumber) {
      where.push('phone_number = ?');
      args.push(q.phoneNumber);
    }
    if (q.status) {
      where.push('status = ?');
      args.push(q.status);
    }
    if (q.from) {
      where.push('accepted_at >= ?');
      args.push(q.from);
    }
    if (q.to) {
      where.push('accepted_at < ?');
      args.push(q.to);
    }
    if (q.after) {
      where.push('(accepted_at, message_id) > (?, ?)');
      args.push(q.after.acceptedAt, q.after.messageId);
    }
    args.push(q.limit);
    return this.db
      .prepare(`SELECT * FROM messages WHERE ${where.join(' AND ')} ORDER BY accepted_at, message_id LIMIT ?`)
      .all(...args) as unknown as MessageRow[];
  }
}
