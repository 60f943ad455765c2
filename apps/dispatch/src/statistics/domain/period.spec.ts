import { hourStart, statisticsPeriod } from './period';

const hours = (result: ReturnType<typeof statisticsPeriod>) => (result.ok ? [hourStart(result.period.fromHour), hourStart(result.period.toHour)] : result.detail);

describe('statisticsPeriod', () => {
  const now = new Date('2026-11-30T10:20:00.000Z');

  it('defaults to the 7 days up to the end of the current hour', () => {
    expect(hours(statisticsPeriod(undefined, undefined, now))).toEqual(['2026-11-23T11:00:00.000Z', '2026-11-30T11:00:00.000Z']);
    expect(hours(statisticsPeriod(undefined, '2026-11-10T00:00:00.000Z', now))).toEqual(['2026-11-03T00:00:00.000Z', '2026-11-10T00:00:00.000Z']);
  });

  it('widens from and to to whole hours', () => {
    expect(hours(statisticsPeriod('2026-11-01T08:59:59.999Z', '2026-11-01T09:00:00.001Z', now))).toEqual(['2026-11-01T08:00:00.000Z', '2026-11-01T10:00:00.000Z']);
    expect(hours(statisticsPeriod('2026-11-01T08:00:00.000Z', '2026-11-01T09:00:00.000Z', now))).toEqual(['2026-11-01T08:00:00.000Z', '2026-11-01T09:00:00.000Z']);
  });

  it('refuses an empty, reversed, unreadable or too long period', () => {
    expect(hours(statisticsPeriod('2026-11-01T08:00:00.000Z', '2026-11-01T08:00:00.000Z', now))).toBe('from must be before to');
    expect(hours(statisticsPeriod('2026-11-02T00:00:00.000Z', '2026-11-01T00:00:00.000Z', now))).toBe('from must be before to');
    expect(hours(statisticsPeriod('soon', undefined, now))).toBe('from and to must be RFC 3339 times');
    expect(hours(statisticsPeriod('2025-11-28T00:00:00.000Z', '2026-11-30T00:00:00.000Z', now))).toBe('a period covers at most 366 days');
    expect(statisticsPeriod('2025-11-29T00:00:00.000Z', '2026-11-30T00:00:00.000Z', now).ok).toBe(true);
  });
});
