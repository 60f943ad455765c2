/**
 * When a failed webhook delivery is tried again (ADR 0019): exponential backoff from `firstDelayMs`, doubling, capped at
 * `maxDelayMs`, with jitter (each delay drawn from its upper half, so endpoints coming back up are not hit by every
 * queued delivery at once) — for `retryForMs` after the delivery was queued, the last attempt exactly at that
 * deadline; a failure then makes it dead.
 */
export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  retryForMs: number;
}

export const DEFAULT_FIRST_DELAY_MS = 10_000;
export const DEFAULT_MAX_DELAY_MS = 3_600_000;

export const retryPolicy = (retryHours: number): RetryPolicy => ({ firstDelayMs: DEFAULT_FIRST_DELAY_MS, maxDelayMs: DEFAULT_MAX_DELAY_MS, retryForMs: retryHours * 3_600_000 });

/** The delay before attempt `attempts + 1`, after `attempts` failed ones (≥ 1); `random` in [0, 1). */
export function backoffDelayMs(policy: RetryPolicy, attempts: number, random: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 40);
  const ceiling = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

export type AfterFailure = { kind: 'retry'; at: number } | { kind: 'dead' };

/** What follows the failure of attempt `attempts` at `now`, for a delivery queued at `queuedAt` (all ms). */
export function afterFailure(policy: RetryPolicy, delivery: { attempts: number; queuedAt: number }, now: number, random: number): AfterFailure {
  const deadline = delivery.queuedAt + policy.retryForMs;
  if (now >= deadline) return { kind: 'dead' };
  return { kind: 'retry', at: Math.min(now + backoffDelayMs(policy, delivery.attempts, random), deadline) };
}
