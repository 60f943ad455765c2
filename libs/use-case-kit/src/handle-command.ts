import { randomUUID } from 'node:crypto';
import { type EventStore, type RecordedEvent, StreamNotFoundError, WrongExpectedVersionError } from '@sms/event-store';
import type { EventCodec } from './core/codec';
import type { Decision, Rejection } from './core/decider';
import { KeyedMutex } from './core/keyed-mutex';
import { type CachedState, LruStateCache, type StateCache } from './core/state-cache';

export interface CommandHandlerOptions<Event, State> {
  store: EventStore;
  /** The service's codec: every event read is decoded (and upcast) and every event written encoded through it. */
  codec: EventCodec<Event>;
  evolve(state: State, event: Event): State;
  initialState(): State;
  /** State cache / snapshot hook; default an in-memory LRU of 10,000 streams. */
  cache?: StateCache<State>;
  /** Appends tried before a conflict is given up (each retry first folds in what the other writer appended). Default 5. */
  maxAttempts?: number;
}

export interface HandleOptions<Event> {
  /**
   * Id of the index-th decided event. Derive it from the cause (the consumed event's id, an idempotency key) so a
   * repeated command appends ids the stream already holds — a no-op. Default: a random UUID.
   */
  eventId?(index: number, event: Event): string;
  metadata?: Record<string, unknown>;
}

export type HandleResult<Event, State, Code extends string = string> =
  | { ok: true; events: Event[]; state: State; /** Revision of the stream's last event; -1n when it does not exist. */ revision: bigint }
  | { ok: false; rejection: Rejection<Code> };

export interface Loaded<State> {
  state: State;
  /** Revision of the last event folded in; -1n when the stream does not exist. */
  revision: bigint;
}

/**
 * The one write path of every service: load (state cache first) → decide → append with the expected revision →
 * on a conflict fold in the other writer's events and decide again, a bounded number of times. Commands on one
 * stream are serialised in this process, so conflicts only come from other processes. The cached state is evolved
 * only after an append succeeded, and dropped when a write's outcome is unknown, so the cache never runs ahead of
 * the store.
 */
export class CommandHandler<Event, State> {
  private readonly cache: StateCache<State>;
  private readonly mutex = new KeyedMutex();
  private readonly maxAttempts: number;

  constructor(private readonly options: CommandHandlerOptions<Event, State>) {
    this.cache = options.cache ?? new LruStateCache<State>();
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  /**
   * The stream's current state, reading only what was appended after the cached revision (by any process). With
   * `atLeast`, a cached state that already holds that revision is answered without a read (the caller needs only
   * what that revision decided, e.g. an immutable first event).
   */
  async load(stream: string, options: { atLeast?: bigint } = {}): Promise<Loaded<State>> {
    return this.mutex.run(stream, async () => {
      const cached = this.cache.get(stream);
      if (!cached) return this.loadCached(stream);
      if (options.atLeast !== undefined && cached.revision >= options.atLeast) return cached;
      await this.catchUp(stream, cached);
      return cached;
    });
  }

  async handle<Code extends string>(
    stream: string,
    decide: (state: State) => Decision<Event, Code>,
    options: HandleOptions<Event> = {},
  ): Promise<HandleResult<Event, State, Code>> {
    return this.mutex.run(stream, async () => {
      for (let attempt = 1; ; attempt++) {
        const loaded = await this.loadCached(stream);
        const decision = decide(loaded.state);
        if (!decision.ok) return decision;
        if (decision.events.length === 0) return { ok: true, events: [], state: loaded.state, revision: loaded.revision };

        const eventId = options.eventId ?? (() => randomUUID());
        try {
          const result = await this.options.store.appendToStream(
            stream,
            decision.events.map((event, index) => ({ id: eventId(index, event), ...this.options.codec.encode(event), metadata: options.metadata })),
            { expectedRevision: loaded.revision < 0n ? 'no_stream' : loaded.revision },
          );
          const after = await this.afterAppend(stream, loaded, decision.events, result.nextExpectedRevision);
          return { ok: true, events: decision.events, state: after.state, revision: after.revision };
        } catch (error) {
          if (error instanceof WrongExpectedVersionError && attempt < this.maxAttempts) {
            await this.catchUp(stream, loaded);
            continue;
          }
          this.cache.delete(stream);
          throw error;
        }
      }
    });
  }

  /** Forgets cached state (one stream, or all): the next command replays from the store. */
  forget(stream?: string): void {
    if (stream === undefined) this.cache.clear();
    else this.cache.delete(stream);
  }

  /** Forgets the cached state of every stream whose state matches (an erased account's batches, ADR 0017). */
  forgetWhere(matches: (state: State, stream: string) => boolean): void {
    this.cache.deleteWhere(matches);
  }

  private async loadCached(stream: string): Promise<Loaded<State>> {
    const cached = this.cache.get(stream);
    if (cached) return cached;
    const entry: CachedState<State> = { state: this.options.initialState(), revision: -1n };
    this.fold(entry, await this.read(stream, 'start'));
    // Unknown streams are not cached: a typo in an id must not cost memory forever.
    if (entry.revision >= 0n) this.cache.set(stream, entry);
    return entry;
  }

  private async catchUp(stream: string, loaded: Loaded<State>): Promise<void> {
    try {
      this.fold(loaded, await this.read(stream, loaded.revision < 0n ? 'start' : loaded.revision + 1n));
      if (loaded.revision >= 0n) this.cache.set(stream, loaded);
    } catch (error) {
      this.cache.delete(stream);
      throw error;
    }
  }

  private async afterAppend(stream: string, loaded: Loaded<State>, events: Event[], next: bigint): Promise<Loaded<State>> {
    if (next === loaded.revision + BigInt(events.length)) {
      for (const event of events) loaded.state = this.options.evolve(loaded.state, event);
      loaded.revision = next;
      this.cache.set(stream, loaded);
      return loaded;
    }
    // The store answered a duplicate append (these ids were committed before) at another revision: the stream moved
    // on without us, so rebuild from the store rather than from what was decided.
    this.cache.delete(stream);
    const reloaded = await this.loadCached(stream);
    if (reloaded.revision < 0n) throw new Error(`Stream ${stream} is empty right after an append`);
    return reloaded;
  }

  private fold(entry: Loaded<State>, recorded: RecordedEvent[]): void {
    for (const r of recorded) {
      const event = this.options.codec.decode(r);
      // A type this version does not know (written by a newer one) moves the revision but not the state.
      if (event !== undefined) entry.state = this.options.evolve(entry.state, event);
      entry.revision = r.revision;
    }
  }

  private async read(stream: string, fromRevision: bigint | 'start'): Promise<RecordedEvent[]> {
    try {
      return await this.options.store.readStream(stream, { fromRevision });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }
}
