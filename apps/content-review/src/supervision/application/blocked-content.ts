import type { BlockedContentWindow } from '../domain/blocked-content';

/** One screened batch as the blocked-content rule counts it: no text, no number — counts, categories, lexicon terms. */
export interface ScreenedBatchCounts {
  batchId: string;
  accountId: string;
  /** Every message of the batch (cleared, held and blocked). */
  screened: number;
  blocked: number;
  /** Blocked messages per category. */
  categories: Record<string, number>;
  /** Blocked messages per lexicon term found. */
  terms: Record<string, number>;
  screenedAt: string;
}

/** Screened and blocked messages per batch, in content-review's SQLite file (ADR 0034 "Blocked content"). */
export interface BlockedContentCounts {
  /** Keeps the batch's counts once (idempotent on batch id: a replay or redelivery changes nothing). */
  screened(batch: ScreenedBatchCounts): Promise<void>;
  /** The account's batches screened at or after `since` and at or before `until`, summed. */
  window(accountId: string, since: string, until: string): Promise<BlockedContentWindow>;
}
