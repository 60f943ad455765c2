import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, DomainError } from '@sms/service-kit';
import type { StatisticsStore } from '../application/statistics-store';
import { STATISTICS_STORE } from '../application/tokens';
import { hourStart, statisticsPeriod } from '../domain/period';
import { type StatisticsDimension, type StatisticsRow, statisticsRows } from '../domain/statistics-rows';

export interface GetStatistics {
  /** One account (a customer key's own, or the one staff name); absent: every account (staff only). */
  accountId?: string;
  /** RFC 3339; the hour it falls in is the first one counted. Default: 7 days before `to`. */
  from?: string;
  /** RFC 3339, exclusive; the hour it falls in is counted if it starts before. Default: now (this hour included). */
  to?: string;
  groupBy?: StatisticsDimension;
}

export interface StatisticsResult {
  accountId?: string;
  /** The hours actually covered: from the start of `from`'s hour to the end of the hour before `to`. */
  from: string;
  to: string;
  groupBy: StatisticsDimension;
  rows: StatisticsRow[];
}

export const DEFAULT_GROUP_BY: StatisticsDimension = 'day';

/** An account's (or every account's) statistics over a period, one row per value of a dimension (DOMAIN §7). */
@Injectable()
export class GetStatisticsHandler {
  constructor(
    @Inject(STATISTICS_STORE) private readonly statistics: StatisticsStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(query: GetStatistics): Promise<StatisticsResult> {
    const result = statisticsPeriod(query.from, query.to, this.clock.now());
    if (!result.ok) throw new DomainError('VALIDATION_FAILED', result.detail);
    const { fromHour, toHour } = result.period;
    const groupBy = query.groupBy ?? DEFAULT_GROUP_BY;
    const scope = query.accountId !== undefined ? { accountId: query.accountId } : {};
    const totals = await this.statistics.totals({ ...scope, fromHour, toHour, groupBy });
    return { ...scope, from: hourStart(fromHour), to: hourStart(toHour), groupBy, rows: statisticsRows(groupBy, totals) };
  }
}
