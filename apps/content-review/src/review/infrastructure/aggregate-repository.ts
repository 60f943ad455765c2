import { EventData, EventStore, RecordedEvent, StreamNotFoundError, WrongExpectedVersionError } from '@sms/event-store';

export interface AggregateSpec<S, E extends { type: string; data: unknown }> {
  initial: S;
  evolve(state: S, event: E): S;
  /** Event types this aggregate understands; anything else in its stream is skipped (written by a newer version). */
  types: ReadonlySet<string>;
}

export interface Loaded<S> {
  state: S;
  /** Revision of the last event folded in, or 'no_stream'. */
  revision: bigint | 'no_stream';
}

/**
 * Loads event-sourced aggregates and appends their new events with the expected revision. States are cached by
 * stream with their revision; a load still reads the events appended after the cached revision (by another instance,
 * say), so the cache saves the replay, not the freshness.
 */
export class AggregateRepository<S, E extends { type: string; data: unknown }> {
  private readonly cache = new Map<string, Loaded<S>>();

  constructor(
    private readonly store: EventStore,
    private readonly spec: AggregateSpec<S, E>,
    private readonly maxCached = 10_000,
  ) {}

  async load(stream: string): Promise<Loaded<S>> {
    const cached = this.cache.get(stream);
    let loaded: Loaded<S> = cached ?? { state: this.spec.initial, revision: 'no_stream' };
    let recorded: RecordedEvent[];
    try {
      recorded = await this.store.readStream(stream, loaded.revision === 'no_stream' ? {} : { fromRevision: loaded.revision + 1n });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { state: this.spec.initial, revision: 'no_stream' };
      throw error;
    }
    for (const event of recorded) loaded = { state: this.fold(loaded.state, event), revision: event.revision };
    this.remember(stream, loaded);
    return loaded;
  }

  /** Appends, then caches the state the caller computed for the new revision. */
  async append(stream: string, events: EventData[], expected: Loaded<S>, nextState: S): Promise<bigint> {
    try {
      const result = await this.store.appendToStream(stream, events, { expectedRevision: expected.revision });
      this.remember(stream, { state: nextState, revision: result.nextExpectedRevision });
      return result.nextExpectedRevision;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) this.cache.delete(stream);
      throw error;
    }
  }

  private fold(state: S, recorded: RecordedEvent): S {
    if (!this.spec.types.has(recorded.type)) return state;
    return this.spec.evolve(state, { type: recorded.type, data: recorded.data } as E);
  }

  private remember(stream: string, loaded: Loaded<S>): void {
    // Re-inserting moves the entry to the end, so the first key is the least recently used.
    this.cache.delete(stream);
    this.cache.set(stream, loaded);
    if (this.cache.size > this.maxCached) this.cache.delete(this.cache.keys().next().value as string);
  }
}
