/**
 * A small seeded PRNG (mulberry32) for tests that shuffle and pick at random: the same seed gives the same run, so a
 * failure can be replayed by passing the seed it printed.
 */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  /** `items` cut, in order, into runs of `min`–`max` items. */
  chunks<T>(items: readonly T[], min: number, max: number): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < items.length; ) {
      const size = this.int(min, max);
      out.push(items.slice(i, i + size));
      i += size;
    }
    return out;
  }
}

/** The seed from `env` (decimal) when set, else `fallback`. */
export function seedFrom(env: string | undefined, fallback: number): number {
  const parsed = env === undefined ? NaN : Number.parseInt(env, 10);
  return Number.isSafeInteger(parsed) ? parsed : fallback;
}
