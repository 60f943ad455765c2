import type { StaffActionV1 } from '@sms/contracts';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { AuditLog, AuditQuery } from '../application/audit-log';

/** The audit log in account-billing's `audit.db`; `seq` orders entries as they arrived and pages the list. */
export class SqliteAuditLog implements AuditLog {
  private readonly insert: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    db.exec(`CREATE TABLE IF NOT EXISTS audit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, action_id TEXT NOT NULL UNIQUE, at TEXT NOT NULL,
      actor_key_id TEXT NOT NULL, account_id TEXT, entry TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS audit_by_account ON audit_log (account_id, seq);
      CREATE INDEX IF NOT EXISTS audit_by_actor ON audit_log (actor_key_id, seq);`);
    this.insert = db.prepare('INSERT OR IGNORE INTO audit_log (action_id, at, actor_key_id, account_id, entry) VALUES (?, ?, ?, ?, ?)');
  }

  record(entry: StaffActionV1): void {
    this.insert.run(entry.actionId, entry.at, entry.actorKeyId, entry.accountId ?? null, JSON.stringify(entry));
  }

  list(query: AuditQuery): { items: StaffActionV1[]; nextCursor?: string } {
    const where: string[] = [];
    const args: Array<string | number> = [];
    const filter = (clause: string, value: string | number | undefined) => {
      if (value === undefined || value === '') return;
      where.push(clause);
      args.push(value);
    };
    filter('account_id = ?', query.accountId);
    filter('actor_key_id = ?', query.actorKeyId);
    filter('at >= ?', query.from);
    filter('at < ?', query.to);
    filter('seq < ?', query.cursor === undefined ? undefined : Number(query.cursor));
    const rows = this.db
      .prepare(`SELECT seq, entry FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`)
      .all(...args, query.limit + 1) as Array<{ seq: number; entry: string }>;
    const page = rows.slice(0, query.limit);
    return { items: page.map((r) => JSON.parse(r.entry)), ...(rows.length > query.limit ? { nextCursor: String(page[page.length - 1].seq) } : {}) };
  }
}
