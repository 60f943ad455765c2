import type { StatisticsRow } from '../domain/statistics-rows';
import type { StatisticsResult } from '../get-statistics/handler';
import type { StatisticsRowView, StatisticsView } from './dto';

/** Whitelists every field of a row. */
export function toStatisticsRowView(row: StatisticsRow): StatisticsRowView {
  return {
    key: row.key,
    submitted: row.submitted,
    delivered: row.delivered,
    undelivered: row.undelivered,
    failed: row.failed,
    failedByReason: { ...row.failedByReason },
    billedSegments: row.billedSegments,
    successRate: row.successRate,
    p50DeliveryMs: row.p50DeliveryMs,
    p95DeliveryMs: row.p95DeliveryMs,
  };
}

export function toStatisticsView(result: StatisticsResult): StatisticsView {
  return {
    ...(result.accountId !== undefined ? { accountId: result.accountId } : {}),
    from: result.from,
    to: result.to,
    groupBy: result.groupBy,
    items: result.rows.map(toStatisticsRowView),
  };
}

/**
 * The gRPC message (dispatch.proto StatisticsRow): proto3 has no null, so an absent key is '' and the optional
 * rate and percentiles are left out.
 */
export function toGrpcStatistics(result: StatisticsResult): object {
  const view = toStatisticsView(result);
  return {
    accountId: view.accountId ?? '',
    from: view.from,
    to: view.to,
    groupBy: view.groupBy,
    items: view.items.map(({ key, successRate, p50DeliveryMs, p95DeliveryMs, ...counts }) => ({
      ...counts,
      key: key ?? '',
      ...(successRate !== null ? { successRate } : {}),
      ...(p50DeliveryMs !== null ? { p50DeliveryMs } : {}),
      ...(p95DeliveryMs !== null ? { p95DeliveryMs } : {}),
    })),
  };
}
