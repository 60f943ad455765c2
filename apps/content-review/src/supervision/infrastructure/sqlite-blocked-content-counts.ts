import { openSqlite } from '@sms/service-kit';
import { SqliteReadModelDatabase, type UnitOfWork } from '@sms/use-case-kit';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { BlockedContentCounts, ScreenedBatchCounts } from '../application/blocked-content';
import type { BlockedContentWindow } from '../domain/blocked-content';

/**
 * Table `blocked_content_counts`: one row per screened batch — how many messages were screened and blocked, and the
 * blocked ones' categories and lexicon terms (JSON counts). No text and no number: nothing here is personal data, so
 * nothing is sealed and erasure has nothing to purge. Writes are units of work of the read-model database, so they
 * never land inside a projection's savepoint.
 */
export class SqliteBlockedContentCounts implements BlockedContentCounts {
  private readonly insert: StatementSync;
  private readonly totals: StatementSync;
  private readonly findings: StatementSync;

  constructor(
    db: DatabaseSync,
    private readonly units: UnitOfWork,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS blocked_content_counts (
        batch_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        screened INTEGER NOT NULL,
        blocked INTEGER NOT NULL,
        categories TEXT NOT NULL,
        terms TEXT NOT NULL,
        screened_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS blocked_content_counts_by_account ON blocked_content_counts (account_id, screened_at);
    `);
    this.insert = db.prepare(
      'INSERT INTO blocked_content_counts (batch_id, account_id, screened, blocked, categories, terms, screened_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (batch_id) DO NOTHING',
    );
    this.totals = db.prepare(
      'SELECT COALESCE(SUM(screened), 0) AS screened, COALESCE(SUM(blocked), 0) AS blocked FROM blocked_content_counts WHERE account_id = ? AND screened_at >= ? AND screened_at <= ?',
    );
    this.findings = db.prepare('SELECT categories, terms FROM blocked_content_counts WHERE account_id = ? AND screened_at >= ? AND screened_at <= ? AND blocked > 0');
  }

  async screened(batch: ScreenedBatchCounts): Promise<void> {
    await this.units.transaction(async () => {
      this.insert.run(batch.batchId, batch.accountId, batch.screened, batch.blocked, JSON.stringify(batch.categories), JSON.stringify(batch.terms), batch.screenedAt);
    });
  }

  async window(accountId: string, since: string, until: string): Promise<BlockedContentWindow> {
    const totals = this.totals.get(accountId, since, until) as { screened: number; blocked: number };
    const result: BlockedContentWindow = { screened: Number(totals.screened), blocked: Number(totals.blocked), categories: {}, terms: {} };
    if (result.blocked === 0) return result;
    for (const row of this.findings.all(accountId, since, until) as unknown as Array<{ categories: string; terms: string }>) {
      add(result.categories, JSON.parse(row.categories) as Record<string, number>);
      add(result.terms, JSON.parse(row.terms) as Record<string, number>);
    }
    return result;
  }
}

function add(into: Record<string, number>, counts: Record<string, number>): void {
  for (const [key, n] of Object.entries(counts)) into[key] = (into[key] ?? 0) + n;
}

/** The counts on their own SQLite file at `path` (handler specs); `close` closes the file. */
export function openBlockedContentCounts(path: string): { counts: SqliteBlockedContentCounts; close(): void } {
  const db = openSqlite(path);
  return { counts: new SqliteBlockedContentCounts(db, new SqliteReadModelDatabase(db)), close: () => db.close() };
}
