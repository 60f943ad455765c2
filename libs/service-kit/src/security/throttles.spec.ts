import { AbuseMonitor, FailureLockout, NonceWindow, RateLimiter } from './throttles';

describe('RateLimiter (token bucket per key)', () => {
  it('allows the burst at once, then the sustained rate, and says when to retry', () => {
    const limiter = new RateLimiter(5, 10);
    const at = 1_000_000;
    for (let i = 0; i < 10; i++) expect(limiter.take('k', at).allowed).toBe(true);
    expect(limiter.take('k', at)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // 5 a second: one token every 200 ms.
    expect(limiter.take('k', at + 199).allowed).toBe(false);
    expect(limiter.take('k', at + 400).allowed).toBe(true);
    // Another key has its own bucket.
    expect(limiter.take('other', at).allowed).toBe(true);
  });

  it('never refills above the burst', () => {
    const limiter = new RateLimiter(100, 3);
    const at = 0;
    limiter.take('k', at);
    let allowed = 0;
    for (let i = 0; i < 10; i++) if (limiter.take('k', at + 3_600_000).allowed) allowed++;
    expect(allowed).toBe(3);
  });

  it('is off at rate 0', () => {
    const limiter = new RateLimiter(0, 1);
    for (let i = 0; i < 100; i++) expect(limiter.take('k', 0).allowed).toBe(true);
  });
});

describe('NonceWindow', () => {
  it('accepts a nonce once per key within the window, and forgets it after', () => {
    const nonces = new NonceWindow(300_000);
    expect(nonces.use('k', 'n', 0)).toBe(true);
    expect(nonces.use('k', 'n', 299_000)).toBe(false);
    expect(nonces.use('other', 'n', 1)).toBe(true);
    expect(nonces.use('k', 'n', 600_001)).toBe(true);
  });
});

describe('FailureLockout', () => {
  it('locks a key id for one source after too many failures within the window; other sources are untouched', () => {
    const lockout = new FailureLockout(3, 60_000, 900_000);
    expect(lockout.fail('k', 'attacker', 0)).toBe(false);
    expect(lockout.fail('k', 'attacker', 1)).toBe(false);
    expect(lockout.fail('k', 'attacker', 2)).toBe(true);
    expect(lockout.lockedFor('k', 'attacker', 3)).toBe(900);
    expect(lockout.lockedFor('k', 'owner', 3)).toBe(0);
    expect(lockout.lockedFor('k', 'attacker', 900_003)).toBe(0);
  });

  it('forgets failures spread wider than the window', () => {
    const lockout = new FailureLockout(3, 60_000, 900_000);
    lockout.fail('k', 's', 0);
    lockout.fail('k', 's', 30_000);
    expect(lockout.fail('k', 's', 120_000)).toBe(false);
    expect(lockout.lockedFor('k', 's', 120_001)).toBe(0);
  });
});

describe('AbuseMonitor', () => {
  const monitor = () => new AbuseMonitor({ burstThreshold: 3, burstWindowMs: 60_000, probeThreshold: 2, probeWindowMs: 600_000 });

  it('reports a burst once when throttled requests cross the threshold within the window', () => {
    const abuse = monitor();
    expect(abuse.throttledRequest('k', 0)).toBeUndefined();
    expect(abuse.throttledRequest('k', 1)).toBeUndefined();
    expect(abuse.throttledRequest('k', 2)).toBe('REQUEST_BURST');
    expect(abuse.throttledRequest('k', 3)).toBeUndefined();
  });

  it('does not add up throttled requests of different windows', () => {
    const abuse = monitor();
    abuse.throttledRequest('k', 0);
    abuse.throttledRequest('k', 1);
    expect(abuse.throttledRequest('k', 70_000)).toBeUndefined();
  });

  it('counts distinct foreign ids, not repeats', () => {
    const abuse = monitor();
    expect(abuse.foreignId('k', 'a', 0)).toBeUndefined();
    expect(abuse.foreignId('k', 'a', 1)).toBeUndefined();
    expect(abuse.foreignId('k', 'b', 2)).toBe('TENANT_PROBING');
  });
});
