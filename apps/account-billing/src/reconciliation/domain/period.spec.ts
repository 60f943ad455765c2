import { MAX_PERIOD_DAYS, reconciliationPeriod } from './period';

const now = new Date('2026-11-23T10:20:00.000Z');
const iso = (result: ReturnType<typeof reconciliationPeriod>) =>
  result.ok ? [new Date(result.period.fromMs).toISOString(), new Date(result.period.toMs).toISOString()] : result.detail;

describe('reconciliationPeriod', () => {
  it('defaults to the current UTC month', () => {
    expect(iso(reconciliationPeriod(undefined, undefined, now))).toEqual(['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
    expect(iso(reconciliationPeriod(undefined, undefined, new Date('2026-12-31T23:59:59.999Z')))).toEqual(['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
  });

  it('takes the bounds given, and without from starts at the month the period ends in', () => {
    expect(iso(reconciliationPeriod('2026-11-03T12:00:00.000Z', '2026-11-04T00:00:00.000Z', now))).toEqual(['2026-11-03T12:00:00.000Z', '2026-11-04T00:00:00.000Z']);
    expect(iso(reconciliationPeriod(undefined, '2026-10-01T00:00:00.000Z', now))).toEqual(['2026-09-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z']);
    expect(iso(reconciliationPeriod('2026-10-15T00:00:00.000Z', undefined, now))).toEqual(['2026-10-15T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
  });

  it(`refuses an empty or reversed period, one over ${MAX_PERIOD_DAYS} days, and what is no time`, () => {
    expect(iso(reconciliationPeriod('2026-11-04T00:00:00.000Z', '2026-11-04T00:00:00.000Z', now))).toBe('to must be after from');
    expect(iso(reconciliationPeriod('2026-11-05T00:00:00.000Z', '2026-11-04T00:00:00.000Z', now))).toBe('to must be after from');
    expect(iso(reconciliationPeriod('2025-01-01T00:00:00.000Z', '2026-01-02T00:00:00.001Z', now))).toBe('a period covers at most 366 days');
    expect(iso(reconciliationPeriod('2025-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', now))).toEqual(['2025-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z']);
    expect(iso(reconciliationPeriod('yesterday', undefined, now))).toBe('from and to must be RFC 3339 times');
  });
});
