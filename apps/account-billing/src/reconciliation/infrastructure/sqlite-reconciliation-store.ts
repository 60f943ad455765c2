import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { MessageCharge, ReconciliationStore, SegmentTotals, StatementStore, StoredStatement } from '../application/reconciliation-store';
import type { AcknowledgedMessage, BilledMessage } from '../domain/message-segments';
import type { Period } from '../domain/period';

/*
 * Reconciliation in account-billing's own file (`account-billing.db`, ADR 0026): a row per message with both sides,
 * and the operators' statements. Ids and counts only — nothing personal, nothing for erasure to purge.
 *
 * `at_ms` is when the message counts: its acknowledgement time once known, its capture time until then. The index
 * covers the totals query (account, time, both counts), so a month of an account is one index range scan.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS reconciliation_messages (
  message_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  batch_id TEXT,
  at_ms INTEGER NOT NULL,
  acknowledged_segments INTEGER,
  billed_segments INTEGER,
  charged_minor INTEGER
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS reconciliation_messages_by_time
  ON reconciliation_messages (account_id, at_ms, acknowledged_segments, billed_segments);
CREATE TABLE IF NOT EXISTS reconciliation_statements (
  seq INTEGER PRIMARY KEY,
  statement_id TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL,
  period_start_ms INTEGER NOT NULL,
  period_end_ms INTEGER NOT NULL,
  operator_segments INTEGER NOT NULL,
  periods TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reconciliation_statements_by_account ON reconciliation_statements (account_id, imported_at, seq);
`;

// Each side only ever raises what it knows of a message, so any order and any number of deliveries end the same.
// A row belongs to the account that wrote it first: another account's event cannot move it.
const ACKNOWLEDGED = `
INSERT INTO reconciliation_messages (message_id, account_id, batch_id, at_ms, acknowledged_segments) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (message_id) DO UPDATE SET
  acknowledged_segments = MAX(COALESCE(acknowledged_segments, 0), excluded.acknowledged_segments),
  at_ms = CASE WHEN acknowledged_segments IS NULL THEN excluded.at_ms ELSE MIN(at_ms, excluded.at_ms) END,
  batch_id = COALESCE(batch_id, excluded.batch_id)
WHERE account_id = excluded.account_id`;

const BILLED = `
INSERT INTO reconciliation_messages (message_id, account_id, batch_id, at_ms, billed_segments, charged_minor) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (message_id) DO UPDATE SET
  billed_segments = excluded.billed_segments,
  charged_minor = excluded.charged_minor,
  at_ms = CASE WHEN acknowledged_segments IS NULL THEN excluded.at_ms ELSE at_ms END,
  batch_id = COALESCE(batch_id, excluded.batch_id)
WHERE account_id = excluded.account_id`;

export class SqliteReconciliationStore implements ReconciliationStore {
  private readonly stmt: Record<'acknowledged' | 'billed' | 'totals' | 'charges', StatementSync>;

  constructor(db: DatabaseSync) {
    db.exec(SCHEMA);
    this.stmt = {
      acknowledged: db.prepare(ACKNOWLEDGED),
      billed: db.prepare(BILLED),
      totals: db.prepare(
        `SELECT COALESCE(SUM(acknowledged_segments), 0) AS submitted, COALESCE(SUM(billed_segments), 0) AS billed
         FROM reconciliation_messages WHERE account_id = ? AND at_ms >= ? AND at_ms < ?`,
      ),
      // One statement for any number of ids: the list travels as one JSON parameter. CROSS JOIN keeps the ids the outer
      // loop (a primary-key lookup each); left to itself the planner scans the account's rows by the time index.
      charges: db.prepare(
        `SELECT DISTINCT m.message_id, m.charged_minor FROM json_each(?) AS j CROSS JOIN reconciliation_messages AS m ON m.message_id = j.value
         WHERE m.account_id = ? AND m.charged_minor IS NOT NULL ORDER BY m.message_id`,
      ),
    };
    this.stmt.charges.setReadBigInts(true);
  }

  async acknowledged(messages: AcknowledgedMessage[]): Promise<void> {
    const insert = this.stmt.acknowledged;
    for (const m of messages) insert.run(m.messageId, m.accountId, m.batchId, m.atMs, m.segments);
  }

  async billed(messages: BilledMessage[]): Promise<void> {
    const insert = this.stmt.billed;
    for (const m of messages) insert.run(m.messageId, m.accountId, m.batchId ?? null, m.atMs, m.segments, m.chargedMinor);
  }

  async totals(accountId: string, periods: Period[]): Promise<SegmentTotals[]> {
    return periods.map(({ fromMs, toMs }) => {
      const row = this.stmt.totals.get(accountId, fromMs, toMs) as { submitted: number; billed: number };
      return { submittedSegments: row.submitted, billedSegments: row.billed };
    });
  }

  async charges(accountId: string, messageIds: string[]): Promise<MessageCharge[]> {
    if (messageIds.length === 0) return [];
    const rows = this.stmt.charges.all(JSON.stringify(messageIds), accountId) as unknown as Array<{ message_id: string; charged_minor: bigint }>;
    return rows.map((row) => ({ messageId: row.message_id, chargedMinor: row.charged_minor }));
  }
}

interface StatementRow {
  statement_id: string;
  account_id: string;
  period_start_ms: number;
  period_end_ms: number;
  operator_segments: number;
  periods: string;
  imported_at: string;
  imported_by: string;
}

const STATEMENT_COLUMNS = 'statement_id, account_id, period_start_ms, period_end_ms, operator_segments, periods, imported_at, imported_by';

export class SqliteStatementStore implements StatementStore {
  private readonly stmt: Record<'save' | 'get' | 'latest', StatementSync>;

  constructor(db: DatabaseSync) {
    db.exec(SCHEMA);
    this.stmt = {
      save: db.prepare(`INSERT INTO reconciliation_statements (${STATEMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (statement_id) DO NOTHING`),
      get: db.prepare(`SELECT ${STATEMENT_COLUMNS} FROM reconciliation_statements WHERE statement_id = ? AND account_id = ?`),
      latest: db.prepare(
        `SELECT ${STATEMENT_COLUMNS} FROM reconciliation_statements
         WHERE account_id = ? AND period_start_ms <= ? AND period_end_ms >= ? ORDER BY imported_at DESC, seq DESC LIMIT 1`,
      ),
    };
  }

  async save(s: StoredStatement): Promise<boolean> {
    const periods = JSON.stringify(s.rows.map((r) => ({ start: r.start, end: r.end, segments: r.segments })));
    const result = this.stmt.save.run(s.statementId, s.accountId, Date.parse(s.periodStart), Date.parse(s.periodEnd), s.operatorSegments, periods, s.importedAt, s.importedBy);
    return Number(result.changes) === 1;
  }

  async get(accountId: string, statementId: string): Promise<StoredStatement | undefined> {
    const row = this.stmt.get.get(statementId, accountId) as StatementRow | undefined;
    return row ? toStatement(row) : undefined;
  }

  async latestCovering(accountId: string, period: Period): Promise<StoredStatement | undefined> {
    const row = this.stmt.latest.get(accountId, period.fromMs, period.toMs) as StatementRow | undefined;
    return row ? toStatement(row) : undefined;
  }
}

function toStatement(row: StatementRow): StoredStatement {
  const periods = JSON.parse(row.periods) as Array<{ start: string; end: string; segments: number }>;
  return {
    statementId: row.statement_id,
    accountId: row.account_id,
    rows: periods.map((p) => ({ start: p.start, end: p.end, startMs: Date.parse(p.start), endMs: Date.parse(p.end), segments: p.segments })),
    periodStart: new Date(row.period_start_ms).toISOString(),
    periodEnd: new Date(row.period_end_ms).toISOString(),
    operatorSegments: row.operator_segments,
    importedAt: row.imported_at,
    importedBy: row.imported_by,
  };
}
