import type { PersonalDataSealer } from '@sms/use-case-kit/core';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ViolationRepository, ViolationSummary } from '../application/violations';

interface ViolationRow {
  violation_id: string;
  account_id: string;
  category: string;
  origin: string;
  evidence: string;
  rectify_by: string;
  recorded_by: string;
  recorded_at: string;
  status: ViolationSummary['status'];
  outcome: string | null;
  reason: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
}

/**
 * The violations read model (table `violations`) on the service's SQLite connection, so rows and the projection's
 * checkpoint commit together. The evidence is stored sealed with the account's data key (ADR 0016): erasing the
 * account's data makes it read `[destroyed]`. Each row remembers the stream revision it reflects.
 */
export class SqliteViolationRepository implements ViolationRepository {
  private readonly insert: StatementSync;
  private readonly update: StatementSync;
  private readonly byAccount: StatementSync;
  private readonly all: StatementSync;

  constructor(
    db: DatabaseSync,
    private readonly sealer: PersonalDataSealer,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS violations (
        violation_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        category TEXT NOT NULL,
        origin TEXT NOT NULL,
        evidence TEXT NOT NULL,
        rectify_by TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        status TEXT NOT NULL,
        outcome TEXT,
        reason TEXT,
        resolved_by TEXT,
        resolved_at TEXT,
        revision INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS violations_by_account ON violations (account_id, recorded_at);
      CREATE INDEX IF NOT EXISTS violations_by_time ON violations (recorded_at);
    `);
    this.insert = db.prepare(`
      INSERT INTO violations (violation_id, account_id, category, origin, evidence, rectify_by, recorded_by, recorded_at, status, revision)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?) ON CONFLICT (violation_id) DO NOTHING`);
    this.update = db.prepare(`
      UPDATE violations SET status = ?, outcome = ?, reason = ?, resolved_by = ?, resolved_at = ?, revision = ?
      WHERE violation_id = ? AND revision < ?`);
    this.byAccount = db.prepare('SELECT * FROM violations WHERE account_id = ? ORDER BY recorded_at DESC, violation_id LIMIT ?');
    this.all = db.prepare('SELECT * FROM violations ORDER BY recorded_at DESC, violation_id LIMIT ?');
  }

  async recorded(v: Omit<ViolationSummary, 'status' | 'resolution'>, revision: bigint): Promise<void> {
    const evidence = this.sealer.seal(v.accountId, v.evidence);
    this.insert.run(v.violationId, v.accountId, v.category, v.origin, evidence, v.rectifyBy, v.recordedBy, v.recordedAt, revision);
  }

  async resolved(violationId: string, r: NonNullable<ViolationSummary['resolution']>, revision: bigint): Promise<void> {
    const status = r.outcome === 'reinstate' ? 'REINSTATED' : 'TERMINATED';
    this.update.run(status, r.outcome, r.reason, r.resolvedBy, r.resolvedAt, revision, violationId, revision);
  }

  async list(filter: { accountId?: string; limit: number }): Promise<ViolationSummary[]> {
    const rows = (filter.accountId === undefined ? this.all.all(filter.limit) : this.byAccount.all(filter.accountId, filter.limit)) as unknown as ViolationRow[];
    return rows.map((row) => this.toSummary(row));
  }

  private toSummary(row: ViolationRow): ViolationSummary {
    return {
      violationId: row.violation_id,
      accountId: row.account_id,
      category: row.category,
      origin: row.origin,
      evidence: this.sealer.open(row.account_id, row.evidence) ?? PERSONAL_DATA_DESTROYED,
      rectifyBy: row.rectify_by,
      recordedBy: row.recorded_by,
      recordedAt: row.recorded_at,
      status: row.status,
      ...(row.outcome ? { resolution: { outcome: row.outcome, reason: row.reason ?? '', resolvedBy: row.resolved_by ?? '', resolvedAt: row.resolved_at ?? '' } } : {}),
    };
  }
}
