/** A fault probability in 0..1, or a deterministic "every Nth" (counted over the submits that reach that check). */
export type FaultRate = number | { every: number };

/**
 * Whether one check of a fault hits. `count` is this check's 1-based number among the checks of the same fault (only
 * `every: N` reads it); `random` is consulted only for a probability strictly between 0 and 1.
 */
export function isFaultHit(rate: FaultRate | undefined, count: number, random: () => number): boolean {
  if (rate === undefined) return false;
  if (typeof rate === 'number') return rate > 0 && (rate >= 1 || random() < rate);
  return rate.every > 0 && count % rate.every === 0;
}
