import type { MessageKind, ReviewStatus, ScreeningOutcome } from '@sms/contracts';
import type { QualificationDocument, SignaturePurpose } from '../domain/events';

export type ReviewItemType = 'signature' | 'template';

/** A signature or template as the review queue shows it. */
export interface ReviewItem {
  type: ReviewItemType;
  id: string;
  accountId: string;
  name: string;
  status: ReviewStatus;
  submittedAt: string;
  decidedAt?: string;
  reason?: string;
  /** Signatures: what the name stands for and the documents that prove it. */
  purpose?: SignaturePurpose;
  documents?: QualificationDocument[];
  /** Templates: the wording and what automatic screening found at submission. */
  kind?: MessageKind;
  content?: string;
  screening?: { outcome: ScreeningOutcome; category?: string };
}

/** What a submission records: everything but the decision. */
export type SubmittedReviewItem = Omit<ReviewItem, 'status' | 'decidedAt' | 'reason'>;

export interface ReviewDecision {
  status: Exclude<ReviewStatus, 'PENDING_REVIEW'>;
  decidedAt: string;
  reason?: string;
}

/**
 * The review queue's read model (a port: SQLite in `infrastructure/`, MongoDB later; `reviewRepositoryContract`
 * is what every adapter must pass). Each item remembers the revision of its stream it reflects, so applying an
 * event it already reflects changes nothing. Writes join the caller's unit of work.
 */
export interface ReviewRepository {
  /** Records a submitted item as pending review, at stream revision `revision`; ignored when the item exists. */
  submitted(item: SubmittedReviewItem, revision: bigint): Promise<void>;
  /** Records a decision at stream revision `revision`; ignored unless the item reflects an earlier revision. */
  decided(type: ReviewItemType, id: string, decision: ReviewDecision, revision: bigint): Promise<void>;
  /** Items waiting for a reviewer, oldest submission first (ties by id), at most `limit`. */
  pending(limit: number): Promise<ReviewItem[]>;
  find(type: ReviewItemType, id: string): Promise<ReviewItem | undefined>;
  /** An account's items of one type, oldest submission first (ties by id), after the cursor item, at most `limit`. */
  byAccount(type: ReviewItemType, accountId: string, after: { submittedAt: string; id: string } | undefined, limit: number): Promise<ReviewItem[]>;
  /**
   * Items of one type matching the filter (any account and status when absent), oldest submission first (ties by
   * id), after the cursor item, at most `limit`: the signature and template lists.
   */
  list(type: ReviewItemType, filter: ReviewListFilter, after: ReviewCursor | undefined, limit: number): Promise<ReviewItem[]>;
}

export interface ReviewListFilter {
  accountId?: string;
  status?: ReviewStatus;
}

/** Keyset position of an item in the lists: its submission time and id. */
export interface ReviewCursor {
  submittedAt: string;
  id: string;
}
