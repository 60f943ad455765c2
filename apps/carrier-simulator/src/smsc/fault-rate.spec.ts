import { isFaultHit } from './fault-rate';

describe('isFaultHit', () => {
  const never = () => {
    throw new Error('random must not be consulted');
  };

  it('never hits without a rate or at 0, always at 1, without drawing a random number', () => {
    expect([1, 2, 3].map((n) => isFaultHit(undefined, n, never))).toEqual([false, false, false]);
    expect(isFaultHit(0, 1, never)).toBe(false);
    expect(isFaultHit(1, 1, never)).toBe(true);
  });

  it('hits a probability when the random draw falls below it', () => {
    expect(isFaultHit(0.25, 1, () => 0.2)).toBe(true);
    expect(isFaultHit(0.25, 1, () => 0.25)).toBe(false);
  });

  it('hits every Nth check, by the count it is given', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => isFaultHit({ every: 3 }, n, never))).toEqual([false, false, true, false, false, true]);
    expect(isFaultHit({ every: 0 }, 3, never)).toBe(false);
  });
});
