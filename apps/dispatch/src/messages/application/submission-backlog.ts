/** How the backlog is bounded; `limit` 0 turns it off. */
export interface SubmissionBacklogOptions {
  /** Messages accepted here and not yet answered by an operator above which a new send waits. */
  limit: number;
  /** The longest a send waits: backpressure slows a client down, it never refuses or stalls it. */
  maxWaitMs: number;
  /** A batch whose answers do not arrive (held for review, answered elsewhere) stops counting after this. */
  ttlMs: number;
}

/**
 * Messages this process accepted that no operator has answered yet (submitted or failed), and a bound on them:
 * `POST /v1/messages` waits (up to `maxWaitMs`) while the backlog is over `limit`.
 *
 * Accepting is cheap and fast; routing, submitting and recording answers are not, and in one process they share
 * the CPU with accepting. Without a bound a burst of sends is accepted far faster than it can leave, the messages
 * queue inside the platform (seconds of accept→submit latency at full load), and accepting crowds out the work that
 * would drain the queue. With it the queue stays short and both threads stay busy: measured in the embedded bench,
 * ~15 % more messages a second end to end and a fifth of the accept→submit latency (ADR 0014).
 *
 * Counts are per batch and forgiving: an answer for a batch not counted here (accepted before a restart, or by
 * another instance) is ignored, and a batch whose answers never come (held for review, or answered by another
 * instance's consumer) stops counting after `ttlMs`. At worst the bound is loose or a send waits `maxWaitMs`.
 */
export class SubmissionBacklog {
  private readonly batches = new Map<string, { remaining: number; acceptedAt: number }>();
  private total = 0;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly options: SubmissionBacklogOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** No bound: what tests and callers without a backlog get. */
  static unbounded(): SubmissionBacklog {
    return new SubmissionBacklog({ limit: 0, maxWaitMs: 0, ttlMs: 0 });
  }

  /** Messages counted now (expired batches dropped). */
  get size(): number {
    this.expire();
    return this.total;
  }

  /** Resolves once the backlog is under the limit, or after `maxWaitMs` at the most. */
  async admit(): Promise<void> {
    if (this.options.limit <= 0 || this.size < this.options.limit) return;
    const deadline = this.now() + this.options.maxWaitMs;
    while (this.size >= this.options.limit) {
      const left = deadline - this.now();
      if (left <= 0) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        // Woken by an answer; the timer also lets expiry and the deadline be seen when no answer comes.
        const timer = setTimeout(done, Math.min(left, Math.max(1, this.options.ttlMs)));
        this.waiters.add(done);
      });
    }
  }

  /** A batch was accepted with `count` messages on their way (a retry of a counted batch adds nothing). */
  accepted(batchId: string, count: number): void {
    if (this.options.limit <= 0 || count <= 0 || this.batches.has(batchId)) return;
    this.batches.set(batchId, { remaining: count, acceptedAt: this.now() });
    this.total += count;
  }

  /** `count` messages of a batch were answered, or will never be submitted (blocked, rejected, no route). */
  answered(batchId: string, count: number): void {
    const batch = this.batches.get(batchId);
    if (!batch || count <= 0) return;
    const settled = Math.min(count, batch.remaining);
    batch.remaining -= settled;
    this.total -= settled;
    if (batch.remaining === 0) this.batches.delete(batchId);
    if (this.total < this.options.limit) for (const wake of [...this.waiters]) wake();
  }

  /**
   * `count` messages of a batch that were answered early (held for review, so counted answered at screening) are on
   * their way again (a reviewer released them): their submission will answer them a second time. While the batch is
   * still counted they count again, so that answer takes back only what this adds; once it is gone (all answered, or
   * expired) nothing is added and that answer is ignored like any for an uncounted batch. Never below zero, never
   * above what the batch was accepted with.
   */
  reopened(batchId: string, count: number): void {
    const batch = this.batches.get(batchId);
    if (!batch || count <= 0) return;
    batch.remaining += count;
    this.total += count;
  }

  /** Batches are kept in acceptance order, so the expired ones are at the front. */
  private expire(): void {
    const oldest = this.now() - this.options.ttlMs;
    for (const [batchId, batch] of this.batches) {
      if (batch.acceptedAt > oldest) return;
      this.batches.delete(batchId);
      this.total -= batch.remaining;
    }
  }
}

/** Counts per batch id of a list of items that carry one. */
export function countByBatch(items: ReadonlyArray<{ batchId: string }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { batchId } of items) counts.set(batchId, (counts.get(batchId) ?? 0) + 1);
  return counts;
}
