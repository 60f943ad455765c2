import { healthState, median, TokenBucket } from './channel-health';

const now = 1_000_000;

describe('channel health', () => {
  it('is DOWN without a bound session, THROTTLING after a recent "slow down" or with a backlog over its TPS share, else UP', () => {
    expect(healthState({ sessionsBound: 0, queued: 0, tps: 0, nowMs: now })).toBe('DOWN');
    expect(healthState({ sessionsBound: 1, queued: 0, tps: 0, nowMs: now })).toBe('UP');
    expect(healthState({ sessionsBound: 1, lastThrottledMs: now - 4_999, queued: 0, tps: 0, nowMs: now })).toBe('THROTTLING');
    expect(healthState({ sessionsBound: 1, lastThrottledMs: now - 5_000, queued: 0, tps: 0, nowMs: now })).toBe('UP');
    expect(healthState({ sessionsBound: 2, queued: 501, tps: 100, nowMs: now })).toBe('THROTTLING');
    expect(healthState({ sessionsBound: 2, queued: 500, tps: 100, nowMs: now })).toBe('UP');
    // Uncapped, a backlog alone says nothing.
    expect(healthState({ sessionsBound: 1, queued: 1_000_000, tps: 0, nowMs: now })).toBe('UP');
  });

  it('takes the median of the samples', () => {
    expect(median([])).toBe(0);
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2);
  });

  it('paces messages to the rate in segments, letting one go into debt rather than splitting it', () => {
    const bucket = new TokenBucket(10, now);
    expect(bucket.available(now)).toBe(true);
    bucket.take(3, now);
    expect(bucket.available(now)).toBe(false);
    // 1 burst token − 3 = −2: three tokens to earn at 10/s.
    expect(bucket.waitMs(now)).toBe(300);
    expect(bucket.available(now + 299)).toBe(false);
    expect(bucket.available(now + 300)).toBe(true);
  });
});
