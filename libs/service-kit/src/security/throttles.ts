/**
 * The in-memory counters behind authentication: per-key rate limits, single-use nonces, lockout after failed
 * secrets, and the attack patterns that suspend an account. Framework-free, time passed in (milliseconds), so
 * tests drive them with a fake clock. Each process keeps its own (ADR 0015 says what that means for replicas).
 */

/** A token bucket per key: `ratePerSecond` sustained, `burst` at once. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {}

  /** Takes one token; when there is none, how many seconds until there is. */
  take(key: string, now: number): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    if (this.ratePerSecond <= 0) return { allowed: true };
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.ratePerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.ratePerSecond)) };
  }

  get limitPerSecond(): number {
    return this.ratePerSecond;
  }
}

/** Nonces seen within the signature window; a nonce is accepted once per key. */
export class NonceWindow {
  private readonly seen = new Map<string, number>();
  private nextSweep = 0;

  constructor(private readonly windowMs: number) {}

  /** Records the nonce; false when it was already used inside the window. */
  use(keyId: string, nonce: string, now: number): boolean {
    this.sweep(now);
    const id = `${keyId}\u0000${nonce}`;
    const expires = this.seen.get(id);
    if (expires !== undefined && expires > now) return false;
    // A timestamp may be up to windowMs in the past or future: keep the nonce for twice the window.
    this.seen.set(id, now + 2 * this.windowMs);
    return true;
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + this.windowMs / 10;
    for (const [id, expires] of this.seen) if (expires <= now) this.seen.delete(id);
  }
}

/**
 * Failed secrets per key id and source address. After `maxFailures` within `windowMs` that source may not try the
 * key id again for `lockMs`. Locking the key id for everyone would let anyone who saw a key id (it is not secret:
 * it travels in signed headers and logs) lock its owner out (ADR 0015).
 */
export class FailureLockout {
  private readonly failures = new Map<string, { count: number; since: number; lockedUntil: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly lockMs: number,
  ) {}

  /** Seconds left of a lock on this key id from this source, or 0. */
  lockedFor(keyId: string, source: string, now: number): number {
    const entry = this.failures.get(`${keyId}\u0000${source}`);
    return entry && entry.lockedUntil > now ? Math.ceil((entry.lockedUntil - now) / 1000) : 0;
  }

  /** Counts a failure; true when it locks the key id for that source. */
  fail(keyId: string, source: string, now: number): boolean {
    const id = `${keyId}\u0000${source}`;
    let entry = this.failures.get(id);
    if (!entry || now - entry.since > this.windowMs) entry = { count: 0, since: now, lockedUntil: 0 };
    entry.count += 1;
    if (entry.count >= this.maxFailures) {
      entry.lockedUntil = now + this.lockMs;
      entry.count = 0;
      entry.since = now;
    }
    this.failures.set(id, entry);
    if (this.failures.size > 100_000) this.prune(now);
    return entry.lockedUntil > now;
  }

  private prune(now: number): void {
    for (const [id, entry] of this.failures) if (entry.lockedUntil <= now && now - entry.since > this.windowMs) this.failures.delete(id);
  }
}

export type AttackPattern = 'REQUEST_BURST' | 'TENANT_PROBING';

/**
 * Attack patterns from an authenticated customer key (terms §7.3.4): requests refused for its rate limit piling up
 * far beyond it, or another tenant's ids asked for again and again. Each pattern is reported once per key and
 * window; the caller suspends the account.
 */
export class AbuseMonitor {
  private readonly throttled = new Map<string, { count: number; since: number }>();
  private readonly probes = new Map<string, { ids: Set<string>; since: number }>();
  private readonly reported = new Map<string, number>();

  constructor(
    private readonly options: {
      /** Throttled requests within `burstWindowMs` that count as a burst. */
      burstThreshold: number;
      burstWindowMs: number;
      /** Distinct foreign ids within `probeWindowMs` that count as probing. */
      probeThreshold: number;
      probeWindowMs: number;
    },
  ) {}

  /** A request refused by the rate limit; the pattern when this one crosses the burst threshold. */
  throttledRequest(keyId: string, now: number): AttackPattern | undefined {
    const entry = this.windowed(this.throttled, keyId, now, this.options.burstWindowMs, () => ({ count: 0, since: now }));
    entry.count += 1;
    return entry.count >= this.options.burstThreshold ? this.report(keyId, 'REQUEST_BURST', now, this.options.burstWindowMs) : undefined;
  }

  /** A request for an id that exists but belongs to another account. */
  foreignId(keyId: string, id: string, now: number): AttackPattern | undefined {
    const entry = this.windowed(this.probes, keyId, now, this.options.probeWindowMs, () => ({ ids: new Set<string>(), since: now }));
    entry.ids.add(id);
    return entry.ids.size >= this.options.probeThreshold ? this.report(keyId, 'TENANT_PROBING', now, this.options.probeWindowMs) : undefined;
  }

  private windowed<T extends { since: number }>(map: Map<string, T>, keyId: string, now: number, windowMs: number, fresh: () => T): T {
    let entry = map.get(keyId);
    if (!entry || now - entry.since > windowMs) {
      entry = fresh();
      map.set(keyId, entry);
    }
    return entry;
  }

  private report(keyId: string, pattern: AttackPattern, now: number, windowMs: number): AttackPattern | undefined {
    const id = `${keyId}\u0000${pattern}`;
    const last = this.reported.get(id);
    if (last !== undefined && now - last < windowMs) return undefined;
    this.reported.set(id, now);
    return pattern;
  }
}
