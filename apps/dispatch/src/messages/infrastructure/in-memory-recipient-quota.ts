import type { QuotaRequest, QuotaTaken, RecipientQuota } from '../application/recipient-quota';
import { batchTag, type FrequencyLimited, type FrequencyPolicy, type SendRecord } from '../domain/frequency-limits';

/**
 * The counters in memory, for handler specs (unit level: no SQLite). It passes the same contract suite as the SQLite
 * adapter (in-memory-recipient-quota.spec.ts); it keeps numbers in clear and forgets everything on a restart, so
 * nothing but a spec uses it.
 */
export class InMemoryRecipientQuota implements RecipientQuota {
  private readonly logs = new Map<string, { accountId: string; log: SendRecord[] }>();

  constructor(private readonly policy: FrequencyPolicy) {}

  async take(request: QuotaRequest): Promise<QuotaTaken> {
    const taken: string[] = [];
    const limited = new Map<string, FrequencyLimited>();
    if (!this.policy.counts(request.kind)) return { taken, limited };
    for (const number of new Set(request.phoneNumbers)) {
      const outcome = this.policy.take(this.logOf(request, number), request.kind, request.at.getTime(), batchTag(request.batchId));
      this.logs.set(key(request, number), { accountId: request.accountId, log: outcome.log });
      if (!outcome.ok) limited.set(number, outcome.limited);
      else if (outcome.counted) taken.push(number);
    }
    return { taken, limited };
  }

  async giveBack(request: QuotaRequest): Promise<void> {
    if (!this.policy.counts(request.kind)) return;
    for (const number of new Set(request.phoneNumbers)) {
      this.logs.set(key(request, number), { accountId: request.accountId, log: this.policy.giveBack(this.logOf(request, number), request.kind, batchTag(request.batchId)) });
    }
  }

  async prune(now: Date, limit: number): Promise<number> {
    let pruned = 0;
    for (const [id, entry] of this.logs) {
      if (pruned >= limit) break;
      if (this.policy.expiresAt(entry.log) <= now.getTime()) {
        this.logs.delete(id);
        pruned++;
      }
    }
    return pruned;
  }

  async forget(accountId: string): Promise<void> {
    for (const [id, entry] of this.logs) if (entry.accountId === accountId) this.logs.delete(id);
  }

  private logOf(request: QuotaRequest, number: string): SendRecord[] {
    return this.logs.get(key(request, number))?.log ?? [];
  }
}

const key = (request: QuotaRequest, number: string) => `${request.accountId}\u0000${request.signatureId}\u0000${number}`;
