import type { CachedState, StateCache } from '@sms/use-case-kit';

/**
 * A least-recently-used state cache bounded by weight rather than by entries: a batch of 1,000 messages weighs a
 * thousand times one of a single message, so memory stays bounded whatever the batch sizes.
 */
export class WeightedStateCache<State> implements StateCache<State> {
  private readonly entries = new Map<string, { entry: CachedState<State>; weight: number }>();
  private total = 0;

  constructor(
    private readonly weightOf: (state: State) => number,
    private readonly maxWeight: number,
  ) {}

  get(stream: string): CachedState<State> | undefined {
    const held = this.entries.get(stream);
    if (!held) return undefined;
    this.entries.delete(stream);
    this.entries.set(stream, held);
    return held.entry;
  }

  set(stream: string, entry: CachedState<State>): void {
    this.delete(stream);
    const weight = this.weightOf(entry.state);
    this.entries.set(stream, { entry, weight });
    this.total += weight;
    // The newest entry always stays, even when it alone is over the bound.
    for (const [oldest, held] of this.entries) {
      if (this.total <= this.maxWeight || oldest === stream) break;
      this.entries.delete(oldest);
      this.total -= held.weight;
    }
  }

  delete(stream: string): void {
    const held = this.entries.get(stream);
    if (!held) return;
    this.entries.delete(stream);
    this.total -= held.weight;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  /** Total weight held (for tests and metrics). */
  weight(): number {
    return this.total;
  }
}
