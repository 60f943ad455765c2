import type { RecordedEvent } from '@sms/event-store';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { REVIEW_EVENTS, SignatureDecided, SignatureSubmitted, TemplateDecided, TemplateSubmitted } from '../domain/events';

export type ReviewItemType = 'signature' | 'template';

export interface ReviewItemRow {
  item_type: ReviewItemType;
  item_id: string;
  account_id: string;
  name: string;
  status: string;
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

const STATUS_BY_TYPE: Record<string, string> = {
  [REVIEW_EVENTS.signatureApproved]: 'APPROVED',
  [REVIEW_EVENTS.signatureRejected]: 'REJECTED',
  [REVIEW_EVENTS.signatureRevoked]: 'REVOKED',
  [REVIEW_EVENTS.templateApproved]: 'APPROVED',
  [REVIEW_EVENTS.templateRejected]: 'REJECTED',
  [REVIEW_EVENTS.templateRevoked]: 'REVOKED',
};

/**
 * Signatures and templates as the review queue shows them, kept by a projection over the review streams. Each row
 * remembers the stream revision it reflects, so replaying events it already applied changes nothing.
 */
export class ReviewReadModel {
  private readonly insertItem: StatementSync;
  private readonly updateStatus: StatementSync;
  private readonly selectPending: StatementSync;

  constructor(readonly db: DatabaseSync) {
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
  }

  /** Applies one committed event; call inside the caller's transaction. Idempotent. */
  apply(event: RecordedEvent): void {
    const revision = event.revision;
    switch (event.type) {
      case REVIEW_EVENTS.signatureSubmitted: {
        const s = event.data as SignatureSubmitted;
        this.insertItem.run('signature', s.signatureId, s.accountId, s.name, s.purpose, JSON.stringify(s.documents), null, null, null, null, s.submittedAt, revision);
        return;
      }
      case REVIEW_EVENTS.templateSubmitted: {
        const t = event.data as TemplateSubmitted;
        this.insertItem.run('template', t.templateId, t.accountId, t.name, null, null, t.kind, t.content, t.screening.outcome, t.screening.category ?? null, t.submittedAt, revision);
        return;
      }
      case REVIEW_EVENTS.signatureApproved:
      case REVIEW_EVENTS.signatureRejected:
      case REVIEW_EVENTS.signatureRevoked: {
        const d = event.data as SignatureDecided;
        this.updateStatus.run(STATUS_BY_TYPE[event.type], d.decidedAt, d.reason ?? null, revision, 'signature', d.signatureId, revision);
        return;
      }
      case REVIEW_EVENTS.templateApproved:
      case REVIEW_EVENTS.templateRejected:
      case REVIEW_EVENTS.templateRevoked: {
        const d = event.data as TemplateDecided;
        this.updateStatus.run(STATUS_BY_TYPE[event.type], d.decidedAt, d.reason ?? null, revision, 'template', d.templateId, revision);
        return;
      }
    }
  }

  /** Pending signatures and templates, oldest submission first. */
  pending(limit: number): ReviewItemRow[] {
    return this.selectPending.all(limit) as unknown as ReviewItemRow[];
  }
}
