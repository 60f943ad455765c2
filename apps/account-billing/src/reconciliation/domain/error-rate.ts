/*
 * The billing error of terms §2.4: "the error rate within 5‰ (count of billing SMS / count of SMS submitted) is
 * normal". Our own bar is 0‰; the figure is reported, never used to bill.
 */

/** The tolerance of terms §2.4, in per mille. */
export const TOLERANCE_PERMILLE = 5;

export interface ErrorRate {
  /**
   * |compared − reference| / reference × 1000, rounded UP to 3 decimals, so the figure shown is never below the real
   * one (errorPermille ≤ 5 exactly when withinTolerance). 0 when both are 0; null when the reference is 0 and the
   * compared count is not (an unbounded error).
   */
  errorPermille: number | null;
  /** The exact error (not the rounded figure) is at most TOLERANCE_PERMILLE. */
  withinTolerance: boolean;
}

/**
 * The error of `compared` against `reference` (both whole segment counts ≥ 0): billed against submitted for our own
 * figures, an operator's statement against what we submitted for theirs.
 */
export function errorRate(reference: number, compared: number): ErrorRate {
  if (!isCount(reference) || !isCount(compared)) throw new RangeError(`segment counts must be whole numbers ≥ 0, got ${reference} and ${compared}`);
  const difference = BigInt(Math.abs(compared - reference));
  if (reference === 0) return difference === 0n ? { errorPermille: 0, withinTolerance: true } : { errorPermille: null, withinTolerance: false };
  const base = BigInt(reference);
  // Thousandths of a per mille, rounded up: exact integer arithmetic, no float ever decides the tolerance.
  const thousandths = (difference * 1_000_000n + base - 1n) / base;
  return { errorPermille: Number(thousandths) / 1000, withinTolerance: difference * 1000n <= BigInt(TOLERANCE_PERMILLE) * base };
}

const isCount = (value: number): boolean => Number.isSafeInteger(value) && value >= 0;
