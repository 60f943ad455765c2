/** A stream's folded state and the revision of the last event in it. */
export interface CachedState<State> {
  state: State;
  revision: bigint;
}

/**
 * The state cache / snapshot hook of `CommandHandler`: a hit saves replaying the stream (only events after the
 * cached revision are read). An implementation may persist snapshots; the in-memory LRU is the default.
 */
export interface StateCache<State> {
  get(stream: string): CachedState<State> | undefined;
  set(stream: string, entry: CachedState<State>): void;
  delete(stream: string): void;
  /** Drops every entry whose state matches (what an erasure drops from memory: an account's cleartext). */
  deleteWhere(matches: (state: State, stream: string) => boolean): void;
  clear(): void;
}

/**
 * Least-recently-used in-memory cache bounded by weight: by default every stream weighs 1 (a bound on entries); with
 * `weightOf` a state weighs what it holds (a batch of 1,000 messages a thousand times one of a single message), so
 * memory stays bounded whatever the sizes. The newest entry always stays, even when it alone is over the bound.
 */
export class LruStateCache<State> implements StateCache<State> {
  // A Map keeps insertion order: re-inserting on use makes the first key the least recently used.
  private readonly entries = new Map<string, { entry: CachedState<State>; weight: number }>();
  private total = 0;

  constructor(
    private readonly maxWeight = 10_000,
    private readonly weightOf: (state: State) => number = () => 1,
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

  deleteWhere(matches: (state: State, stream: string) => boolean): void {
    for (const [stream, held] of [...this.entries]) {
      if (!matches(held.entry.state, stream)) continue;
      this.entries.delete(stream);
      this.total -= held.weight;
    }
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  /** Total weight held (tests, metrics). */
  weight(): number {
    return this.total;
  }
}

/** No caching: every command replays its stream (short-lived streams such as one batch). */
export class NoStateCache<State> implements StateCache<State> {
  get(): undefined {
    return undefined;
  }
  set(): void {
    // nothing kept
  }
  delete(): void {
    // nothing kept
  }
  deleteWhere(): void {
    // nothing kept
  }
  clear(): void {
    // nothing kept
  }
}
