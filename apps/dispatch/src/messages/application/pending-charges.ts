interface HeldBatch {
  batchId: string;
  amountMinor: number;
  /** Revision of the balance report the batch was decided against. */
  revision: number;
  heldAt: number;
}

interface AccountHolds {
  totalMinor: number;
  /** In acceptance order (so by `heldAt`). */
  batches: HeldBatch[];
}

/**
 * What this process accepted for an account since the balance report it decided against, estimated at acceptance,
 * and not yet seen in a later report (ADR 0027). A send's budget is the reported available balance less this, so two
 * sends racing between reports do not both spend the same money.
 *
 * A held batch is let go when:
 * - a balance report with a later revision than the one it was decided against is applied: the report of its
 *   reservation is such a report (the reservation is appended after the acceptance, so after every revision dispatch
 *   had seen then), so nothing is counted twice once the ledger shows it. An earlier, unrelated report (a capture of
 *   another batch) lets it go too soon: then a send may be accepted that the reservation refuses — today's behaviour,
 *   never a wrong refusal;
 * - screening cleared none of its messages (nothing of it will be reserved now);
 * - it is older than `ttlMs` (an answer that never comes: a restart of billing, another instance's consumer).
 * Memory only: after a restart nothing is held, and the next reports are the whole truth again.
 */
export class PendingCharges {
  private readonly accounts = new Map<string, AccountHolds>();
  private readonly accountOfBatch = new Map<string, string>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** What is held for the account now (expired batches dropped). */
  of(accountId: string): number {
    const holds = this.accounts.get(accountId);
    if (!holds) return 0;
    this.expire(accountId, holds);
    return holds.totalMinor;
  }

  /** A batch was accepted at an estimated `amountMinor`, decided against the report of `revision`; once per batch. */
  hold(batchId: string, accountId: string, amountMinor: number, revision: number): void {
    if (amountMinor <= 0 || this.accountOfBatch.has(batchId)) return;
    let holds = this.accounts.get(accountId);
    if (!holds) {
      holds = { totalMinor: 0, batches: [] };
      this.accounts.set(accountId, holds);
    }
    holds.batches.push({ batchId, amountMinor, revision, heldAt: this.now() });
    holds.totalMinor += amountMinor;
    this.accountOfBatch.set(batchId, accountId);
  }

  /** A balance report of `revision` was applied: batches decided against an earlier one are let go. */
  balanceReported(accountId: string, revision: number): void {
    const holds = this.accounts.get(accountId);
    if (!holds) return;
    // Not a prefix: two sends may read the view a report apart and be held in the other order.
    const kept: HeldBatch[] = [];
    for (const batch of holds.batches) {
      if (batch.revision >= revision) kept.push(batch);
      else {
        holds.totalMinor -= batch.amountMinor;
        this.accountOfBatch.delete(batch.batchId);
      }
    }
    holds.batches = kept;
    if (kept.length === 0) this.accounts.delete(accountId);
  }

  /** The batch will not be reserved as accepted (screening cleared none of it). */
  release(batchId: string): void {
    const accountId = this.accountOfBatch.get(batchId);
    const holds = accountId === undefined ? undefined : this.accounts.get(accountId);
    if (accountId === undefined || !holds) return;
    const index = holds.batches.findIndex((b) => b.batchId === batchId);
    const [batch] = holds.batches.splice(index, 1);
    holds.totalMinor -= batch.amountMinor;
    this.accountOfBatch.delete(batchId);
    if (holds.batches.length === 0) this.accounts.delete(accountId);
  }

  private expire(accountId: string, holds: AccountHolds): void {
    const oldest = this.now() - this.ttlMs;
    let n = 0;
    while (n < holds.batches.length && holds.batches[n].heldAt <= oldest) n++;
    this.drop(accountId, holds, n);
  }

  /** Drops the first `n` batches of the account. */
  private drop(accountId: string, holds: AccountHolds, n: number): void {
    if (n === 0) return;
    for (const batch of holds.batches.splice(0, n)) {
      holds.totalMinor -= batch.amountMinor;
      this.accountOfBatch.delete(batch.batchId);
    }
    if (holds.batches.length === 0) this.accounts.delete(accountId);
  }
}
