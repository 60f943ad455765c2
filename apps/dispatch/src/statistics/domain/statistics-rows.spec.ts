import type { CountedStatus } from './contribution';
import { emptyHistogram, latencyBin, percentile } from './latency-histogram';
import { type BucketTotal, rowKey, statisticsRows } from './statistics-rows';

const total = (group: string | number, status: CountedStatus, messages: number, extra: Partial<BucketTotal> = {}): BucketTotal => ({
  group,
  status,
  reason: '',
  messages,
  submitted: 0,
  segments: messages,
  billedSegments: 0,
  latency: emptyHistogram(),
  ...extra,
});

describe('statisticsRows (DOMAIN §7 statistics; terms §1.2)', () => {
  it('folds the totals of a key into one row: counts by status, failures by reason, rate and latency', () => {
    const fast = emptyHistogram();
    fast[latencyBin(2_000)] = 90;
    const slow = emptyHistogram();
    slow[latencyBin(20_000)] = 10;
    const rows = statisticsRows('template', [
      total('tpl-1', 'DELIVERED', 90, { submitted: 90, billedSegments: 180, latency: fast }),
      total('tpl-1', 'DELIVERED', 10, { submitted: 10, billedSegments: 20, latency: slow }),
      total('tpl-1', 'UNDELIVERED', 5, { submitted: 5, billedSegments: 10 }),
      total('tpl-1', 'SUBMITTED', 4, { submitted: 4, billedSegments: 8 }),
      total('tpl-1', 'FAILED', 2, { reason: 'NO_ROUTE' }),
      total('tpl-1', 'EXPIRED', 1, { reason: 'RECEIPT_TIMEOUT', submitted: 1, billedSegments: 2 }),
      total('tpl-1', 'REJECTED', 3, { reason: 'INSUFFICIENT_BALANCE' }),
      total('tpl-1', 'BLOCKED', 1, { reason: 'CONTENT_BLOCKED' }),
      total('tpl-1', 'FAILED', 1, { reason: 'NO_ROUTE' }),
    ]);
    const merged = emptyHistogram();
    merged[latencyBin(2_000)] = 90;
    merged[latencyBin(20_000)] = 10;
    expect(rows).toEqual([
      {
        key: 'tpl-1',
        submitted: 110,
        delivered: 100,
        undelivered: 5,
        failed: 8,
        failedByReason: { NO_ROUTE: 3, RECEIPT_TIMEOUT: 1, INSUFFICIENT_BALANCE: 3, CONTENT_BLOCKED: 1 },
        billedSegments: 220,
        successRate: 0.9091,
        p50DeliveryMs: percentile(merged, 0.5),
        p95DeliveryMs: percentile(merged, 0.95),
      },
    ]);
    expect(rows[0].p50DeliveryMs).toBeLessThan(3_000);
    expect(rows[0].p95DeliveryMs).toBeGreaterThan(10_000);
  });

  it('answers no rate and no latency where nothing was submitted or delivered, and leaves out emptied buckets', () => {
    expect(statisticsRows('kind', [total('notification', 'REJECTED', 2, { reason: 'ACCOUNT_FROZEN' }), total('marketing', 'SUBMITTED', 0)])).toEqual([
      expect.objectContaining({ key: 'notification', failed: 2, successRate: null, p50DeliveryMs: null, p95DeliveryMs: null }),
    ]);
  });

  it('keys days and hours as times, other dimensions by their value, no channel as null (last)', () => {
    const hour = Date.parse('2026-11-23T10:00:00.000Z') / 3_600_000;
    expect(rowKey('hour', hour)).toBe('2026-11-23T10:00:00.000Z');
    expect(rowKey('day', Math.floor(hour / 24))).toBe('2026-11-23');
    expect(rowKey('channel', '')).toBeNull();
    expect(statisticsRows('channel', [total('', 'REJECTED', 1), total('smpp-b', 'FAILED', 1), total('smpp-a', 'FAILED', 1)]).map((r) => r.key)).toEqual(['smpp-a', 'smpp-b', null]);
    expect(statisticsRows('day', [total(20_416, 'FAILED', 1), total(20_415, 'FAILED', 1)]).map((r) => r.key)).toEqual(['2025-11-23', '2025-11-24']);
  });
});
