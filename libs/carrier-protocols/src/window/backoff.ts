/**
 * The delay after `step` consecutive failures: `first` for step 0, doubling per step, never above `longest`.
 * Shared by the throttle's pause and a session's reconnect so both grow the same, bounded way.
 */
export function doublingDelayMs([first, longest]: readonly [number, number], step: number): number {
  // The exponent is capped so a long outage cannot overflow to Infinity before the bound applies.
  return Math.min(longest, first * 2 ** Math.min(Math.max(step, 0), 30));
}

/**
 * A delay spread over its upper half (delay/2 … delay): peers that lost the same server at the same moment
 * do not all come back at the same moment, yet none retries much sooner than planned.
 */
export function withJitter(delayMs: number, random: () => number = Math.random): number {
  return Math.round(delayMs / 2 + (random() * delayMs) / 2);
}
