import { openSqlite } from '@sms/service-kit';
import type { PersonalDataSealer } from '@sms/use-case-kit/core';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ComplaintRecord, ComplaintRepository } from '../application/complaints';

interface ComplaintRow {
  complaint_id: string;
  account_id: string;
  phone_number: string;
  message_id: string | null;
  reason: string;
  received_by: string;
  received_at: string;
  source: string;
}

/**
 * Tables `complaints` (the number and the free-text reason sealed with the account's data key, ADR 0016: erasing the account's data makes it
 * read `[destroyed]`) and `screened_message_counts` (cleared messages per screened batch, the rate's denominator).
 */
export class SqliteComplaintRepository implements ComplaintRepository {
  private readonly insert: StatementSync;
  private readonly page: StatementSync;
  private readonly pageAfter: StatementSync;
  private readonly count: StatementSync;
  private readonly insertScreened: StatementSync;
  private readonly countMessages: StatementSync;

  constructor(
    db: DatabaseSync,
    private readonly sealer: PersonalDataSealer,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS complaints (
        complaint_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        phone_number TEXT NOT NULL,
        message_id TEXT,
        reason TEXT NOT NULL,
        received_by TEXT NOT NULL,
        received_at TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT 'API'
      );
      CREATE INDEX IF NOT EXISTS complaints_by_account ON complaints (account_id, received_at, complaint_id);
      CREATE TABLE IF NOT EXISTS screened_message_counts (
        batch_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        cleared INTEGER NOT NULL,
        screened_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS screened_message_counts_by_account ON screened_message_counts (account_id, screened_at);
    `);
    // Added with MO complaints (ADR 0034): a file made before has no source column; its rows were all taken by API.
    const columns = db.prepare('PRAGMA table_info(complaints)').all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'source')) db.exec("ALTER TABLE complaints ADD COLUMN source TEXT NOT NULL DEFAULT 'API'");
    this.insert = db.prepare(
      'INSERT INTO complaints (complaint_id, account_id, phone_number, message_id, reason, received_by, received_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (complaint_id) DO NOTHING',
    );
    this.page = db.prepare('SELECT * FROM complaints WHERE account_id = ? ORDER BY received_at DESC, complaint_id DESC LIMIT ?');
    this.pageAfter = db.prepare(
      'SELECT * FROM complaints WHERE account_id = ? AND (received_at < ? OR (received_at = ? AND complaint_id < ?)) ORDER BY received_at DESC, complaint_id DESC LIMIT ?',
    );
    this.count = db.prepare('SELECT COUNT(*) AS n FROM complaints WHERE account_id = ? AND received_at >= ?');
    this.insertScreened = db.prepare('INSERT INTO screened_message_counts (batch_id, account_id, cleared, screened_at) VALUES (?, ?, ?, ?) ON CONFLICT (batch_id) DO NOTHING');
    this.countMessages = db.prepare('SELECT COALESCE(SUM(cleared), 0) AS n FROM screened_message_counts WHERE account_id = ? AND screened_at >= ?');
  }

  async add(c: ComplaintRecord): Promise<boolean> {
    const result = this.insert.run(
      c.complaintId,
      c.accountId,
      this.sealer.seal(c.accountId, c.phoneNumber),
      c.messageId ?? null,
      this.sealer.seal(c.accountId, c.reason),
      c.receivedBy,
      c.receivedAt,
      c.source,
    );
    return Number(result.changes) > 0;
  }

  async list(query: { accountId: string; after?: [string, string]; limit: number }): Promise<ComplaintRecord[]> {
    const rows = (
      query.after ? this.pageAfter.all(query.accountId, query.after[0], query.after[0], query.after[1], query.limit) : this.page.all(query.accountId, query.limit)
    ) as unknown as ComplaintRow[];
    return rows.map((row) => ({
      complaintId: row.complaint_id,
      accountId: row.account_id,
      phoneNumber: this.sealer.open(row.account_id, row.phone_number) ?? PERSONAL_DATA_DESTROYED,
      ...(row.message_id !== null ? { messageId: row.message_id } : {}),
      reason: this.sealer.open(row.account_id, row.reason) ?? PERSONAL_DATA_DESTROYED,
      receivedBy: row.received_by,
      receivedAt: row.received_at,
      source: row.source === 'MO' ? 'MO' : 'API',
    }));
  }

  async countSince(accountId: string, since: string): Promise<number> {
    return Number((this.count.get(accountId, since) as { n: number }).n);
  }

  async screened(batch: { batchId: string; accountId: string; cleared: number; screenedAt: string }): Promise<void> {
    this.insertScreened.run(batch.batchId, batch.accountId, batch.cleared, batch.screenedAt);
  }

  async messagesSince(accountId: string, since: string): Promise<number> {
    return Number((this.countMessages.get(accountId, since) as { n: number }).n);
  }
}

/** The repository on its own SQLite file at `path` (handler specs); `close` closes the file. */
export function openComplaintRepository(path: string, sealer: PersonalDataSealer): { complaints: SqliteComplaintRepository; close(): void } {
  const db = openSqlite(path);
  return { complaints: new SqliteComplaintRepository(db, sealer), close: () => db.close() };
}
