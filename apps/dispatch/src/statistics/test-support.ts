import type { MessageNote } from '../messages/application/message-read-model';
import type { BatchAccepted } from '../messages/domain/events';
import type { StatusUpdate } from '../messages/domain/message-status';
import { InMemoryMessageReadModel } from '../test-support';
import type { StatisticsQuery, StatisticsStore } from './application/statistics-store';
import type { BucketKey } from './domain/contribution';
import { emptyHistogram, mergeInto } from './domain/latency-histogram';
import type { BucketTotal, StatisticsDimension } from './domain/statistics-rows';
import { applyChanges, type BucketChange, bucketChanges } from './project-statistics/projection';

/*
 * In-memory statistics for handler specs (unit level: no SQLite). The buckets are fed by the pure projection as the
 * in-memory message read model changes, and pass the same contract suite as the SQLite adapter
 * (statistics.spec.ts), so the SQL and the projection are held to one specification.
 */

const GROUP_OF: Record<StatisticsDimension, (k: BucketKey) => string | number> = {
  hour: (k) => k.hour,
  day: (k) => Math.floor(k.hour / 24),
  kind: (k) => k.kind,
  template: (k) => k.templateId,
  signature: (k) => k.signatureId,
  operator: (k) => k.operator,
  country: (k) => k.countryCode,
  status: (k) => k.status,
  channel: (k) => k.channelId,
};

export class InMemoryStatisticsStore implements StatisticsStore {
  readonly buckets = new Map<string, BucketChange>();

  apply(changes: readonly BucketChange[]): void {
    applyChanges(this.buckets, changes);
  }

  async totals(q: StatisticsQuery): Promise<BucketTotal[]> {
    const totals = new Map<string, BucketTotal>();
    for (const { key, ...counters } of this.buckets.values()) {
      if ((q.accountId !== undefined && key.accountId !== q.accountId) || key.hour < q.fromHour || key.hour >= q.toHour || counters.messages === 0) continue;
      const group = GROUP_OF[q.groupBy](key);
      const id = JSON.stringify([group, key.status, key.reason]);
      const total = totals.get(id) ?? { group, status: key.status, reason: key.reason, messages: 0, submitted: 0, segments: 0, billedSegments: 0, latency: emptyHistogram() };
      total.messages += counters.messages;
      total.submitted += counters.submitted;
      total.segments += counters.segments;
      total.billedSegments += counters.billedSegments;
      mergeInto(total.latency, counters.latency);
      totals.set(id, total);
    }
    return [...totals.values()];
  }

  async purge(accountId: string, limit: number): Promise<number> {
    const mine = [...this.buckets.entries()].filter(([, bucket]) => bucket.key.accountId === accountId).slice(0, limit);
    for (const [id] of mine) this.buckets.delete(id);
    return mine.length;
  }
}

/** The in-memory message read model, feeding its changes into an in-memory statistics store. */
export class StatisticsFeedingReadModel extends InMemoryMessageReadModel {
  constructor(readonly statistics = new InMemoryStatisticsStore()) {
    super();
  }

  override async insertBatches(batches: BatchAccepted[]): Promise<void> {
    await this.observed(batches.flatMap((b) => b.messages.map((m) => m.messageId)), () => super.insertBatches(batches));
  }

  override async advance(updates: StatusUpdate[]): Promise<void> {
    await this.observed(
      updates.map((u) => u.messageId),
      () => super.advance(updates),
    );
  }

  override async annotate(notes: MessageNote[]): Promise<void> {
    await this.observed(
      notes.map((n) => n.messageId),
      () => super.annotate(notes),
    );
  }

  private async observed(messageIds: string[], write: () => Promise<void>): Promise<void> {
    const ids = [...new Set(messageIds)];
    const before = new Map(ids.map((id) => [id, this.records.get(id)]));
    await write();
    for (const id of ids) this.statistics.apply(bucketChanges(before.get(id), this.records.get(id)));
  }
}
