import { doublingDelayMs, withJitter } from './backoff';

describe('doublingDelayMs', () => {
  it('starts at the first delay and doubles per step', () => {
    expect([0, 1, 2, 3].map((step) => doublingDelayMs([100, 5_000], step))).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds the longest delay, however many steps', () => {
    expect(doublingDelayMs([100, 5_000], 6)).toBe(5_000);
    expect(doublingDelayMs([100, 5_000], 10_000)).toBe(5_000);
  });

  it('treats a negative step as the first', () => {
    expect(doublingDelayMs([100, 5_000], -3)).toBe(100);
  });
});

describe('withJitter', () => {
  it('keeps the delay within its upper half', () => {
    expect(withJitter(1_000, () => 0)).toBe(500);
    expect(withJitter(1_000, () => 0.5)).toBe(750);
    expect(withJitter(1_000, () => 0.999999)).toBe(1_000);
  });
});
