import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ScheduledBatch, ScheduledBatches } from '../application/scheduled-batches';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS scheduled_batches (batch_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, due_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS scheduled_batches_by_due ON scheduled_batches (due_at, batch_id);
CREATE INDEX IF NOT EXISTS scheduled_batches_by_account ON scheduled_batches (account_id, due_at);
`;

interface Row {
  batch_id: string;
  account_id: string;
  due_at: string;
}

/** The batches waiting for their time, in dispatch's read-model file: a row per batch (never per message). */
export class SqliteScheduledBatches implements ScheduledBatches {
  private readonly insertStmt: StatementSync;
  private readonly dueStmt: StatementSync;
  private readonly nextStmt: StatementSync;
  private readonly removeStmt: StatementSync;
  private readonly accountStmt: StatementSync;

  constructor(db: DatabaseSync) {
    db.exec(SCHEMA);
    this.insertStmt = db.prepare('INSERT OR IGNORE INTO scheduled_batches (batch_id, account_id, due_at) VALUES (?, ?, ?)');
    this.dueStmt = db.prepare('SELECT * FROM scheduled_batches WHERE due_at <= ? ORDER BY due_at, batch_id LIMIT ?');
    this.nextStmt = db.prepare('SELECT MIN(due_at) AS due_at FROM scheduled_batches');
    this.removeStmt = db.prepare('DELETE FROM scheduled_batches WHERE batch_id IN (SELECT value FROM json_each(?))');
    this.accountStmt = db.prepare('SELECT * FROM scheduled_batches WHERE account_id = ? ORDER BY due_at LIMIT ?');
  }

  async plan(batches: ScheduledBatch[]): Promise<void> {
    for (const b of batches) this.insertStmt.run(b.batchId, b.accountId, b.dueAt);
  }

  async due(now: string, limit: number): Promise<ScheduledBatch[]> {
    return (this.dueStmt.all(now, limit) as unknown as Row[]).map(toBatch);
  }

  async nextDueAt(): Promise<string | undefined> {
    return (this.nextStmt.get() as { due_at: string | null }).due_at ?? undefined;
  }

  async remove(batchIds: string[]): Promise<void> {
    if (batchIds.length > 0) this.removeStmt.run(JSON.stringify(batchIds));
  }

  async ofAccount(accountId: string, limit: number): Promise<ScheduledBatch[]> {
    return (this.accountStmt.all(accountId, limit) as unknown as Row[]).map(toBatch);
  }
}

const toBatch = (row: Row): ScheduledBatch => ({ batchId: row.batch_id, accountId: row.account_id, dueAt: row.due_at });
