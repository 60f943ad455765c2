import { type CountedStatus, FAILED_STATUSES } from './contribution';
import { emptyHistogram, mergeInto, percentile } from './latency-histogram';

/** What `GET /v1/statistics?groupBy=` groups by (CONTRACTS.md). */
export const STATISTICS_DIMENSIONS = ['day', 'hour', 'kind', 'template', 'signature', 'operator', 'country', 'status', 'channel'] as const;
export type StatisticsDimension = (typeof STATISTICS_DIMENSIONS)[number];

/**
 * Bucket sums for one value of the grouped dimension, one status and one reason, as a statistics store answers them.
 * `group` is the hour (hours since the epoch) for `hour`, the day (days since the epoch) for `day`, otherwise the
 * dimension's value ('' for a message that never reached a channel).
 */
export interface BucketTotal {
  group: string | number;
  status: CountedStatus;
  reason: string;
  messages: number;
  submitted: number;
  segments: number;
  billedSegments: number;
  /** Delivery-latency histogram (latency-histogram.ts). */
  latency: number[];
}

/** One row of the answer (CONTRACTS.md). */
export interface StatisticsRow {
  /** `YYYY-MM-DD` (day), RFC 3339 (hour), or the dimension's value; null: messages that never reached a channel. */
  key: string | null;
  submitted: number;
  delivered: number;
  undelivered: number;
  failed: number;
  failedByReason: Record<string, number>;
  billedSegments: number;
  /** delivered / submitted to 4 decimals; null when nothing was submitted. */
  successRate: number | null;
  p50DeliveryMs: number | null;
  p95DeliveryMs: number | null;
}

/** The row key of a group value. */
export function rowKey(groupBy: StatisticsDimension, group: string | number): string | null {
  if (groupBy === 'hour') return new Date(Number(group) * 3_600_000).toISOString();
  if (groupBy === 'day') return new Date(Number(group) * 86_400_000).toISOString().slice(0, 10);
  return group === '' ? null : String(group);
}

/** Folds bucket totals into one row per key, keys in ascending order (times chronologically; no channel last). */
export function statisticsRows(groupBy: StatisticsDimension, totals: readonly BucketTotal[]): StatisticsRow[] {
  const rows = new Map<string | null, { row: StatisticsRow; latency: number[] }>();
  for (const total of totals) {
    if (total.messages === 0 && total.submitted === 0) continue;
    const key = rowKey(groupBy, total.group);
    let entry = rows.get(key);
    if (!entry) {
      entry = { row: emptyRow(key), latency: emptyHistogram() };
      rows.set(key, entry);
    }
    const { row } = entry;
    row.submitted += total.submitted;
    row.billedSegments += total.billedSegments;
    if (total.status === 'DELIVERED') {
      row.delivered += total.messages;
      mergeInto(entry.latency, total.latency);
    } else if (total.status === 'UNDELIVERED') {
      row.undelivered += total.messages;
    } else if (FAILED_STATUSES.includes(total.status)) {
      row.failed += total.messages;
      row.failedByReason[total.reason] = (row.failedByReason[total.reason] ?? 0) + total.messages;
    }
  }
  return [...rows.values()]
    .map(({ row, latency }) => ({
      ...row,
      successRate: row.submitted > 0 ? Math.round((row.delivered / row.submitted) * 10_000) / 10_000 : null,
      p50DeliveryMs: percentile(latency, 0.5) ?? null,
      p95DeliveryMs: percentile(latency, 0.95) ?? null,
    }))
    .sort((a, b) => (a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1));
}

const emptyRow = (key: string | null): StatisticsRow => ({
  key,
  submitted: 0,
  delivered: 0,
  undelivered: 0,
  failed: 0,
  failedByReason: {},
  billedSegments: 0,
  successRate: null,
  p50DeliveryMs: null,
  p95DeliveryMs: null,
});
