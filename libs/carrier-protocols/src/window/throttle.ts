import { doublingDelayMs } from './backoff';

/** Refills add fractions of a token; without some slack 0.9 + 0.1 may stay just under one whole token. */
const EPSILON = 1e-9;

export interface ThrottleOptions {
  /** Sends per second at most. Default Infinity: no cap, only the back-off. */
  tps?: number;
  /**
   * How many sends may leave back to back after a quiet spell (the bucket size). Default 50 ms worth of `tps`,
   * at least 1: timers fire every few milliseconds, so a bucket of 1 would cap a high rate far below `tps`.
   * In any one second at most `tps + burst` sends leave.
   */
  burst?: number;
  /** Pause after a throttling answer, doubling while answers keep saying so: [first, longest] ms. Default [100, 5000]. */
  backoffMs?: readonly [number, number];
  /** Clock in ms; tests inject one. Default Date.now. */
  now?: () => number;
}

/**
 * Rate control for one channel: a token bucket caps sends per second, and a throttling answer from the peer
 * pauses every send for a while, longer for each such answer in a row. It only decides; the caller owns the
 * timer that tries again after `waitMs()`. Share one instance between the sessions of a channel to make the
 * cap and the pause hold for the channel as a whole.
 */
export class Throttle {
  readonly tps: number;
  readonly burst: number;
  private readonly backoffMs: readonly [number, number];
  private readonly now: () => number;
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = 0;
  private consecutive = 0;

  constructor(options: ThrottleOptions = {}) {
    this.tps = options.tps ?? Infinity;
    if (!(this.tps > 0)) throw new RangeError(`tps must be positive, got ${this.tps}`);
    this.burst = options.burst ?? (Number.isFinite(this.tps) ? Math.max(1, Math.ceil(this.tps / 20)) : Infinity);
    if (!(this.burst >= 1)) throw new RangeError(`burst must be at least 1, got ${this.burst}`);
    this.backoffMs = options.backoffMs ?? [100, 5_000];
    const [first, longest] = this.backoffMs;
    if (!(first >= 0 && longest >= first)) throw new RangeError(`backoffMs must be [first, longest] with 0 <= first <= longest`);
    // Looked up per call, so fake timers installed after construction still apply.
    this.now = options.now ?? (() => Date.now());
    this.tokens = this.burst;
    this.refilledAt = this.now();
  }

  /** Takes one send's worth when a send may leave now; false while paused or out of tokens. */
  tryTake(): boolean {
    const now = this.now();
    if (now < this.pausedUntil) return false;
    if (this.tps === Infinity) return true;
    this.refill(now);
    if (this.tokens < 1 - EPSILON) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until `tryTake()` can succeed; 0 when it can now. */
  waitMs(): number {
    const now = this.now();
    const pause = Math.max(0, this.pausedUntil - now);
    if (this.tps === Infinity) return pause;
    this.refill(now);
    const refill = this.tokens >= 1 - EPSILON ? 0 : Math.ceil(((1 - this.tokens) * 1_000) / this.tps);
    return Math.max(pause, refill);
  }

  /** The peer answered "slow down": every send pauses; each such answer in a row doubles the pause, up to the bound. */
  backOff(): number {
    const delay = doublingDelayMs(this.backoffMs, this.consecutive);
    this.consecutive++;
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + delay);
    return delay;
  }

  /** An accepted send: the throttling streak is over, so the next back-off starts from the first step again. */
  recovered(): void {
    this.consecutive = 0;
  }

  private refill(now: number): void {
    if (now > this.refilledAt) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) * this.tps) / 1_000);
    }
    this.refilledAt = now;
  }
}
