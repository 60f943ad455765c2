/*
 * The period a reconciliation covers: [from, to) in milliseconds, RFC 3339 at the edges. Messages count in the
 * period by the time the operator acknowledged them (their submission), so a message submitted at 23:59:59.9 on the
 * last day and captured a moment later counts in the same month on both sides.
 */

/** The longest period one reconciliation may cover. */
export const MAX_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;

export interface Period {
  /** Inclusive. */
  fromMs: number;
  /** Exclusive. */
  toMs: number;
}

export type PeriodResult = { ok: true; period: Period } | { ok: false; detail: string };

const monthStart = (ms: number, months = 0): number => {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
};

/**
 * [from, to): `to` defaults to the start of next month (UTC, after now), `from` to the start of the month in which
 * the period ends — so no bounds at all is the current calendar month.
 */
export function reconciliationPeriod(from: string | undefined, to: string | undefined, now: Date): PeriodResult {
  const toMs = to === undefined ? monthStart(now.getTime(), 1) : Date.parse(to);
  const fromMs = from === undefined ? monthStart(toMs - 1) : Date.parse(from);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) return { ok: false, detail: 'from and to must be RFC 3339 times' };
  return checkedPeriod(fromMs, toMs);
}

/** A period whose bounds are already times: `to` after `from`, at most MAX_PERIOD_DAYS long. */
export function checkedPeriod(fromMs: number, toMs: number): PeriodResult {
  if (toMs <= fromMs) return { ok: false, detail: 'to must be after from' };
  if (toMs - fromMs > MAX_PERIOD_DAYS * DAY_MS) return { ok: false, detail: `a period covers at most ${MAX_PERIOD_DAYS} days` };
  return { ok: true, period: { fromMs, toMs } };
}

export const isoOf = (ms: number): string => new Date(ms).toISOString();
