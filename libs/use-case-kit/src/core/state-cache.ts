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
  clear(): void;
}

/** Least-recently-used in-memory cache with a bound on entries (a Map keeps insertion order). */
export class LruStateCache<State> implements StateCache<State> {
  private readonly entries = new Map<string, CachedState<State>>();

  constructor(private readonly maxEntries = 10_000) {}

  get(stream: string): CachedState<State> | undefined {
    const entry = this.entries.get(stream);
    if (entry) {
      this.entries.delete(stream);
      this.entries.set(stream, entry);
    }
    return entry;
  }

  set(stream: string, entry: CachedState<State>): void {
    this.entries.delete(stream);
    this.entries.set(stream, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(stream: string): void {
    this.entries.delete(stream);
  }

  clear(): void {
    this.entries.clear();
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
  clear(): void {
    // nothing kept
  }
}
