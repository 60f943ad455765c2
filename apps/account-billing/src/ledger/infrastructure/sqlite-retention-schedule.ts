import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { RetentionSchedule } from '../application/retention-schedule';
import type { RetainedAccount } from '../domain/retention';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS retention_schedule (
  account_id TEXT PRIMARY KEY, opened_at TEXT NOT NULL, retention_days INTEGER, erased_before TEXT, erased INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
`;

interface Row {
  account_id: string;
  opened_at: string;
  retention_days: number | null;
  erased_before: string | null;
}

/** The retention schedule in account-billing's own file (`account-billing.db`): a row per account. */
export class SqliteRetentionSchedule implements RetentionSchedule {
  private readonly stmt: Record<'opened' | 'retentionSet' | 'retentionErased' | 'erased' | 'page', StatementSync>;

  constructor(db: DatabaseSync) {
    db.exec(SCHEMA);
    this.stmt = {
      opened: db.prepare('INSERT INTO retention_schedule (account_id, opened_at) VALUES (?, ?) ON CONFLICT (account_id) DO NOTHING'),
      retentionSet: db.prepare('UPDATE retention_schedule SET retention_days = ? WHERE account_id = ?'),
      retentionErased: db.prepare('UPDATE retention_schedule SET erased_before = ? WHERE account_id = ? AND (erased_before IS NULL OR erased_before < ?)'),
      // The row stays as a marker, so a replayed opening cannot bring the account back.
      erased: db.prepare('UPDATE retention_schedule SET erased = 1 WHERE account_id = ?'),
      page: db.prepare('SELECT account_id, opened_at, retention_days, erased_before FROM retention_schedule WHERE erased = 0 AND account_id > ? ORDER BY account_id LIMIT ?'),
    };
  }

  async opened(accountId: string, openedAt: string): Promise<void> {
    this.stmt.opened.run(accountId, openedAt);
  }

  async retentionSet(accountId: string, days: number | undefined): Promise<void> {
    this.stmt.retentionSet.run(days ?? null, accountId);
  }

  async retentionErased(accountId: string, before: string): Promise<void> {
    this.stmt.retentionErased.run(before, accountId, before);
  }

  async erased(accountId: string): Promise<void> {
    this.stmt.erased.run(accountId);
  }

  async accounts(after: string | undefined, limit: number): Promise<RetainedAccount[]> {
    return (this.stmt.page.all(after ?? '', limit) as unknown as Row[]).map((row) => ({
      accountId: row.account_id,
      openedAt: row.opened_at,
      ...(row.retention_days !== null ? { retentionDays: row.retention_days } : {}),
      ...(row.erased_before !== null ? { erasedBefore: row.erased_before } : {}),
    }));
  }
}
