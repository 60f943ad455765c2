import type { MessageKind, ReviewStatus, ScreeningOutcome } from '@sms/contracts';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ReviewCursor, ReviewDecision, ReviewItem, ReviewItemType, ReviewListFilter, ReviewRepository, SubmittedReviewItem } from '../application/review-repository';
import type { QualificationDocument, SignaturePurpose } from '../domain/events';

interface ReviewItemRow {
  item_type: ReviewItemType;
  item_id: string;
  account_id: string;
  name: string;
  status: ReviewStatus;
  purpose: string | null;
  documents: string | null;
  kind: string | null;
  content: string | null;
  screening_outcome: string | null;
  screening_category: string | null;
  submitted_at: string;
  decided_at: string | null;
  reason: string | null;
}

/**
 * The review queue in the service's SQLite file (table `review_items`, unchanged since v1). Each row remembers the
 * stream revision it reflects, so replaying events it already applied changes nothing. Statements run on the
 * connection of the service's `SqliteReadModelDatabase`, so they join its unit of work.
 */
export class SqliteReviewRepository implements ReviewRepository {
  private readonly insertItem: StatementSync;
  private readonly updateStatus: StatementSync;
  private readonly selectPending: StatementSync;
  private readonly selectOne: StatementSync;
  private readonly selectByAccount: StatementSync;
  private readonly selectList: StatementSync;

  constructor(db: DatabaseSync) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS review_items (
        item_type TEXT NOT NULL,
        item_id TEXT NOT NULL,
        account_id TEXT NOT NULL,
        name TEXT NOT NULL,
        status TEXT NOT NULL,
        purpose TEXT,
        documents TEXT,
        kind TEXT,
        content TEXT,
        screening_outcome TEXT,
        screening_category TEXT,
        submitted_at TEXT NOT NULL,
        decided_at TEXT,
        reason TEXT,
        revision INTEGER NOT NULL,
        PRIMARY KEY (item_type, item_id)
      );
      CREATE INDEX IF NOT EXISTS review_items_pending ON review_items (status, submitted_at, item_id);
      CREATE INDEX IF NOT EXISTS review_items_by_account ON review_items (account_id, item_type, submitted_at, item_id);
      CREATE INDEX IF NOT EXISTS review_items_by_type ON review_items (item_type, submitted_at, item_id);
    `);
    this.insertItem = db.prepare(`
      INSERT INTO review_items (item_type, item_id, account_id, name, status, purpose, documents, kind, content,
                                screening_outcome, screening_category, submitted_at, revision)
      VALUES (?, ?, ?, ?, 'PENDING_REVIEW', ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (item_type, item_id) DO NOTHING`);
    this.updateStatus = db.prepare(`
      UPDATE review_items SET status = ?, decided_at = ?, reason = ?, revision = ?
      WHERE item_type = ? AND item_id = ? AND revision < ?`);
    this.selectPending = db.prepare(`
      SELECT * FROM review_items WHERE status = 'PENDING_REVIEW'
      ORDER BY submitted_at, item_id LIMIT ?`);
    this.selectOne = db.prepare('SELECT * FROM review_items WHERE item_type = ? AND item_id = ?');
    this.selectByAccount = db.prepare(`
      SELECT * FROM review_items WHERE account_id = ? AND item_type = ? AND (submitted_at, item_id) > (?, ?)
      ORDER BY submitted_at, item_id LIMIT ?`);
    // NULL filters match everything (staff lists across accounts and statuses).
    this.selectList = db.prepare(`
      SELECT * FROM review_items
      WHERE item_type = ? AND (? IS NULL OR account_id = ?) AND (? IS NULL OR status = ?) AND (submitted_at, item_id) > (?, ?)
      ORDER BY submitted_at, item_id LIMIT ?`);
  }

  async submitted(item: SubmittedReviewItem, revision: bigint): Promise<void> {
    this.insertItem.run(
      item.type,
      item.id,
      item.accountId,
      item.name,
      item.purpose ?? null,
      item.documents ? JSON.stringify(item.documents) : null,
      item.kind ?? null,
      item.content ?? null,
      item.screening?.outcome ?? null,
      item.screening?.category ?? null,
      item.submittedAt,
      revision,
    );
  }

  async decided(type: ReviewItemType, id: string, decision: ReviewDecision, revision: bigint): Promise<void> {
    this.updateStatus.run(decision.status, decision.decidedAt, decision.reason ?? null, revision, type, id, revision);
  }

  async pending(limit: number): Promise<ReviewItem[]> {
    return (this.selectPending.all(limit) as unknown as ReviewItemRow[]).map(toItem);
  }

  async byAccount(type: ReviewItemType, accountId: string, after: { submittedAt: string; id: string } | undefined, limit: number): Promise<ReviewItem[]> {
    return (this.selectByAccount.all(accountId, type, after?.submittedAt ?? '', after?.id ?? '', limit) as unknown as ReviewItemRow[]).map(toItem);
  }

  async list(type: ReviewItemType, filter: ReviewListFilter, after: ReviewCursor | undefined, limit: number): Promise<ReviewItem[]> {
    const accountId = filter.accountId ?? null;
    const status = filter.status ?? null;
    const rows = this.selectList.all(type, accountId, accountId, status, status, after?.submittedAt ?? '', after?.id ?? '', limit) as unknown as ReviewItemRow[];
    return rows.map(toItem);
  }

  async find(type: ReviewItemType, id: string): Promise<ReviewItem | undefined> {
    const row = this.selectOne.get(type, id) as ReviewItemRow | undefined;
    return row && toItem(row);
  }
}

function toItem(row: ReviewItemRow): ReviewItem {
  const item: ReviewItem = {
    type: row.item_type,
    id: row.item_id,
    accountId: row.account_id,
    name: row.name,
    status: row.status,
    submittedAt: row.submitted_at,
    ...(row.decided_at ? { decidedAt: row.decided_at } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
  };
  if (row.item_type === 'signature') {
    return { ...item, purpose: (row.purpose ?? undefined) as SignaturePurpose | undefined, documents: JSON.parse(row.documents ?? '[]') as QualificationDocument[] };
  }
  return {
    ...item,
    kind: (row.kind ?? undefined) as MessageKind | undefined,
    content: row.content ?? undefined,
    screening: { outcome: (row.screening_outcome ?? 'PASS') as ScreeningOutcome, ...(row.screening_category ? { category: row.screening_category } : {}) },
  };
}
