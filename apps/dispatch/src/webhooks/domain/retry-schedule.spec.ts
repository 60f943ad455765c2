import { afterFailure, backoffDelayMs, retryPolicy } from './retry-schedule';

const HOUR = 3_600_000;

describe('webhook retry schedule', () => {
  const policy = retryPolicy(24);

  it('waits 10 s after the first failure, doubling after each, capped at an hour — jittered within the upper half', () => {
    const ceilings = [10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 1_280_000, 2_560_000, HOUR, HOUR, HOUR];
    ceilings.forEach((ceiling, i) => {
      expect([i + 1, backoffDelayMs(policy, i + 1, 0)]).toEqual([i + 1, ceiling / 2]);
      expect([i + 1, ceiling - backoffDelayMs(policy, i + 1, 0.999999)]).toEqual([i + 1, expect.any(Number)]);
      expect(ceiling - backoffDelayMs(policy, i + 1, 0.999999)).toBeLessThanOrEqual(ceiling / 1_000_000);
      expect([i + 1, backoffDelayMs(policy, i + 1, 0.5)]).toEqual([i + 1, (ceiling * 3) / 4]);
    });
    // However many attempts, never more than the cap (no overflow to Infinity).
    expect(backoffDelayMs(policy, 10_000, 0.999999)).toBeLessThanOrEqual(HOUR);
    expect(backoffDelayMs(policy, 10_000, 0.999999)).toBeGreaterThan(HOUR - 10);
  });

  it('keeps trying for 24 h after the delivery was queued, the last attempt at that deadline, then gives up', () => {
    for (const random of [0, 0.5, 0.999999]) {
      const queuedAt = 1_000_000;
      let now = queuedAt;
      const attempts: number[] = [now];
      for (;;) {
        const next = afterFailure(policy, { attempts: attempts.length, queuedAt }, now, random);
        if (next.kind === 'dead') break;
        expect(next.at).toBeGreaterThan(now);
        now = next.at;
        attempts.push(now);
      }
      expect(now).toBe(queuedAt + 24 * HOUR);
      // 9 doubling steps to reach the hour, then hourly: a few dozen attempts, not thousands.
      expect(attempts.length).toBeGreaterThanOrEqual(24);
      expect(attempts.length).toBeLessThanOrEqual(60);
    }
  });

  it('is dead at once when a failure comes after the deadline (a delivery stuck behind a restart)', () => {
    expect(afterFailure(policy, { attempts: 1, queuedAt: 0 }, 24 * HOUR, 0.3)).toEqual({ kind: 'dead' });
    expect(afterFailure(retryPolicy(1), { attempts: 3, queuedAt: 0 }, HOUR - 1, 0.3)).toEqual({ kind: 'retry', at: HOUR });
  });
});
