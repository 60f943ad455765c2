/*
 * The period a statistics query covers, in whole hours: buckets are hourly, so [from, to) widens to the hours it
 * touches (from rounded down, to rounded up) and the answer says which hours those were.
 */

const HOUR_MS = 3_600_000;
/** Without bounds: the last 7 days up to and including the current hour. */
export const DEFAULT_PERIOD_HOURS = 7 * 24;
/** The longest period one query may cover (a year of hourly rows is ~8,800). */
export const MAX_PERIOD_HOURS = 366 * 24;

export interface StatisticsPeriod {
  /** First hour (hours since the epoch), inclusive. */
  fromHour: number;
  /** Last hour, exclusive. */
  toHour: number;
}

export type PeriodResult = { ok: true; period: StatisticsPeriod } | { ok: false; detail: string };

/** The hours of [from, to) (RFC 3339); `to` defaults to the end of the current hour, `from` to 7 days before `to`. */
export function statisticsPeriod(from: string | undefined, to: string | undefined, now: Date): PeriodResult {
  const toHour = to === undefined ? Math.floor(now.getTime() / HOUR_MS) + 1 : Math.ceil(Date.parse(to) / HOUR_MS);
  const fromHour = from === undefined ? toHour - DEFAULT_PERIOD_HOURS : Math.floor(Date.parse(from) / HOUR_MS);
  if (Number.isNaN(fromHour) || Number.isNaN(toHour)) return { ok: false, detail: 'from and to must be RFC 3339 times' };
  if (fromHour >= toHour) return { ok: false, detail: 'from must be before to' };
  if (toHour - fromHour > MAX_PERIOD_HOURS) return { ok: false, detail: `a period covers at most ${MAX_PERIOD_HOURS / 24} days` };
  return { ok: true, period: { fromHour, toHour } };
}

export const hourStart = (hour: number): string => new Date(hour * HOUR_MS).toISOString();
