import { errorRate, TOLERANCE_PERMILLE } from './error-rate';

describe('errorRate (terms §2.4: billed / submitted within 5‰)', () => {
  it('is 0 when the counts agree, including when both are 0', () => {
    expect(errorRate(100_000, 100_000)).toEqual({ errorPermille: 0, withinTolerance: true });
    expect(errorRate(0, 0)).toEqual({ errorPermille: 0, withinTolerance: true });
  });

  it('is |compared − reference| / reference × 1000, either way round', () => {
    expect(errorRate(100, 98)).toEqual({ errorPermille: 20, withinTolerance: false });
    expect(errorRate(100, 102)).toEqual({ errorPermille: 20, withinTolerance: false });
    expect(errorRate(1000, 995)).toEqual({ errorPermille: 5, withinTolerance: true });
    expect(errorRate(1000, 994)).toEqual({ errorPermille: 6, withinTolerance: false });
  });

  it('rounds up to 3 decimals, so the figure shown is never below the real one and ≤ 5 exactly when within tolerance', () => {
    expect(errorRate(3, 2).errorPermille).toBe(333.334);
    // 5.0002‰: just over the tolerance, shown as 5.001 (never as 5).
    expect(errorRate(49_999, 49_749)).toEqual({ errorPermille: 5.001, withinTolerance: false });
    expect(errorRate(200_001, 200_002)).toEqual({ errorPermille: 0.005, withinTolerance: true });
    for (const [reference, compared] of [[7, 6], [123_457, 122_839], [1_000_000, 1_005_000], [999_999, 1_004_999]]) {
      const rate = errorRate(reference, compared);
      expect([reference, compared, (rate.errorPermille as number) <= TOLERANCE_PERMILLE]).toEqual([reference, compared, rate.withinTolerance]);
    }
  });

  it('decides the tolerance exactly even where floating point would not', () => {
    const reference = 2 ** 52;
    expect(errorRate(reference, reference + reference / 200).withinTolerance).toBe(true);
    expect(errorRate(reference, reference + reference / 200 + 1).withinTolerance).toBe(false);
  });

  it('has no figure when nothing was submitted but something was counted', () => {
    expect(errorRate(0, 3)).toEqual({ errorPermille: null, withinTolerance: false });
  });

  it('refuses counts that are not whole numbers ≥ 0', () => {
    expect(() => errorRate(-1, 0)).toThrow(RangeError);
    expect(() => errorRate(1.5, 1)).toThrow(RangeError);
  });
});
