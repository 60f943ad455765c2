import type { StatisticsPeriod } from '../domain/period';
import type { BucketTotal, StatisticsDimension } from '../domain/statistics-rows';

export interface StatisticsQuery extends StatisticsPeriod {
  /** One account's buckets; absent: every account's (staff only). */
  accountId?: string;
  groupBy: StatisticsDimension;
}

/**
 * The statistics buckets (port; SQLite adapter in infrastructure/, in dispatch's read-model file). They are kept in
 * step with the message read model by the adapter's own means, in the same unit of work as each row change (see
 * project-statistics/projection.ts for what a change does to them); this port reads and erases them.
 */
export interface StatisticsStore {
  /** Bucket sums in the period, one per (group, status, reason). Empty buckets may be answered or left out. */
  totals(query: StatisticsQuery): Promise<BucketTotal[]>;
  /**
   * Erasure of the account (ADR 0017): deletes its buckets, about `limit` rows a call (at least `limit` while more
   * remain, fewer once none do); the caller calls again, a unit of work each, while it answers `limit` or more.
   */
  purge(accountId: string, limit: number): Promise<number>;
}
