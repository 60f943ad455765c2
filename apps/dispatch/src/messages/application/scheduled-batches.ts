/** A batch held until its time. */
export interface ScheduledBatch {
  batchId: string;
  accountId: string;
  dueAt: string;
}

/**
 * The batches waiting for their time (port; a projection of BatchAccepted kept in the read-model file, written in the
 * projection's unit of work, so a restart finds every one). Released or cancelled batches leave it.
 */
export interface ScheduledBatches {
  /** Adds the scheduled ones among accepted batches; a batch seen before changes nothing. */
  plan(batches: ScheduledBatch[]): Promise<void>;
  /** Batches due at `now`, earliest first, at most `limit`. */
  due(now: string, limit: number): Promise<ScheduledBatch[]>;
  /** The earliest time a batch is due, if any waits. */
  nextDueAt(): Promise<string | undefined>;
  /** Batches that no longer wait (released, every message cancelled, or erased). */
  remove(batchIds: string[]): Promise<void>;
  /** An account's waiting batches (for a halt), at most `limit`. */
  ofAccount(accountId: string, limit: number): Promise<ScheduledBatch[]>;
}
