import type { ChannelState } from '@sms/contracts';

/** A throttling answer this recent still counts: the channel is THROTTLING for a while after the operator asked to slow down. */
export const THROTTLE_MEMORY_MS = 5_000;
/** A capped channel whose queue holds more than this many seconds of its TPS is THROTTLING: better routed elsewhere. */
export const BACKLOG_SECONDS = 5;

export interface HealthInput {
  sessionsBound: number;
  /** When the operator last answered "slow down" (epoch ms). */
  lastThrottledMs?: number;
  /** Messages queued for the channel and not yet handed to it. */
  queued: number;
  /** submit_sm per second; 0 = no cap. */
  tps: number;
  nowMs: number;
}

/**
 * DOWN without a bound session; THROTTLING after a recent throttling answer (0x58, 0x14) or with more queued than
 * BACKLOG_SECONDS of its TPS cap; otherwise UP. Dispatch prefers UP to THROTTLING to DOWN (ADR 0018).
 */
export function healthState({ sessionsBound, lastThrottledMs, queued, tps, nowMs }: HealthInput): ChannelState {
  if (sessionsBound === 0) return 'DOWN';
  if (lastThrottledMs !== undefined && nowMs - lastThrottledMs < THROTTLE_MEMORY_MS) return 'THROTTLING';
  if (tps > 0 && queued > tps * BACKLOG_SECONDS) return 'THROTTLING';
  return 'UP';
}

/** The median of the samples (the lower middle of an even count), 0 when there are none. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1];
}

/**
 * A token bucket for a channel's TPS cap, counted in submit_sm (segments). A message takes all its segments at once
 * and may leave the bucket in debt, which later messages wait out: the rate holds on average without splitting a
 * message. `burst` is 50 ms of the rate (at least one).
 */
export class TokenBucket {
  private tokens: number;
  private readonly burst: number;

  constructor(
    readonly tps: number,
    private at: number,
  ) {
    this.burst = Math.max(1, Math.ceil(tps / 20));
    this.tokens = this.burst;
  }

  /** Whether a message may leave now. */
  available(nowMs: number): boolean {
    this.refill(nowMs);
    return this.tokens >= 1 - 1e-9;
  }

  take(segments: number, nowMs: number): void {
    this.refill(nowMs);
    this.tokens -= segments;
  }

  /** How long until a message may leave (0: now). */
  waitMs(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens >= 1 - 1e-9 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.tps);
  }

  private refill(nowMs: number): void {
    if (nowMs > this.at) {
      this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.at) * this.tps) / 1000);
      this.at = nowMs;
    }
  }
}
