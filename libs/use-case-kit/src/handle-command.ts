import { randomUUID } from 'node:crypto';
import { type EventStore, type RecordedEvent, StreamNotFoundError, WrongExpectedVersionError } from '@sms/event-store';
import type { EventCodec } from './core/codec';
import type { Decision, Rejection } from './core/decider';
import { KeyedMutex } from './core/keyed-mutex';
import type { StateSerializer } from './core/snapshot';
import { type CachedState, LruStateCache, type StateCache } from './core/state-cache';
import type { Snapshot, SnapshotStore } from './snapshot-store';

/** Events between two snapshots of a stream, by default. */
export const DEFAULT_SNAPSHOT_EVERY = 10_000;
/** Events read per query while a stream is loaded: a long stream is folded page by page, never held whole. */
export const DEFAULT_READ_PAGE_SIZE = 5_000;

/**
 * Persistent snapshots (ADR 0028). A cold load reads the stream's snapshot and only the events after it; a snapshot
 * is written once `every` events (by weight) were folded since the last one, after the command that reached that
 * point has been answered (never on its path), and only ever of committed state. A snapshot is checked before it is
 * used and ignored — the stream replayed — when it was written by another `serializer.version`, when the stream does
 * not hold its last event at its revision (taken before a restore: ahead of the stream, or of another history), or
 * when it cannot be read.
 */
export interface SnapshotOptions<State, Event = unknown> {
  store: SnapshotStore;
  serializer: StateSerializer<State>;
  /** Events (by weight) between two snapshots of a stream; default DEFAULT_SNAPSHOT_EVERY. */
  every?: number;
  /**
   * What an event counts toward `every`; default 1. A stream whose events differ much in size (a batch of a thousand
   * messages beside a deposit) weighs each by what it costs to replay, which bounds the time a cold load spends on
   * the events after its snapshot whatever their sizes.
   */
  weightOf?(event: Event): number;
  /** A snapshot that could not be read, written or used costs a replay, never a command; told here (default: a process warning). */
  onError?(error: unknown, stream: string): void;
}

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
  /** Persistent snapshots behind the cache; none by default (every cold load replays the stream). */
  snapshots?: SnapshotOptions<State, Event>;
  /** Events read per query while loading; default DEFAULT_READ_PAGE_SIZE. */
  readPageSize?: number;
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

/** What the handler keeps per stream in its cache: the state, and what a snapshot of it needs. */
interface Entry<State> extends CachedState<State> {
  /** Id of the event at `revision`: a snapshot names it, so a loader can tell the stream still holds it. */
  eventId?: string;
  /** Weight of the events folded since the snapshot the state was loaded from or last written as (or since the start). */
  sinceSnapshot?: number;
  /**
   * An event of a type this version does not know was skipped: the state lacks it, and a newer version reading a
   * snapshot of it would skip it for good, so such a state is never snapshotted.
   */
  skipped?: boolean;
}

/**
 * The one write path of every service: load (state cache first, then the stream's snapshot, if configured) → decide →
 * append with the expected revision → on a conflict fold in the other writer's events and decide again, a bounded
 * number of times. Commands on one stream are serialised in this process, so conflicts only come from other
 * processes. The cached state is evolved only after an append succeeded, and dropped when a write's outcome is
 * unknown, so the cache never runs ahead of the store — and a snapshot, taken from the cache, never either.
 */
export class CommandHandler<Event, State> {
  private readonly cache: StateCache<State>;
  private readonly mutex = new KeyedMutex();
  private readonly maxAttempts: number;
  private readonly pageSize: number;
  private readonly snapshotEvery: number;
  private readonly weightOf: (event: Event) => number;
  /** Streams whose snapshot is scheduled or being written: one at a time per stream. */
  private readonly snapshotting = new Set<string>();
  private readonly snapshotWrites = new Set<Promise<void>>();

  constructor(private readonly options: CommandHandlerOptions<Event, State>) {
    this.cache = options.cache ?? new LruStateCache<State>();
    this.maxAttempts = options.maxAttempts ?? 5;
    this.pageSize = options.readPageSize ?? DEFAULT_READ_PAGE_SIZE;
    if (!Number.isSafeInteger(this.pageSize) || this.pageSize < 1) throw new RangeError(`readPageSize must be a positive integer, not ${this.pageSize}`);
    const every = options.snapshots?.every ?? DEFAULT_SNAPSHOT_EVERY;
    if (!Number.isSafeInteger(every) || every < 1) throw new RangeError(`snapshots.every must be a positive integer, not ${every}`);
    this.snapshotEvery = every;
    this.weightOf = options.snapshots?.weightOf ?? (() => 1);
  }

  /**
   * The stream's current state, reading only what was appended after the cached revision (by any process). With
   * `atLeast`, a cached state that already holds that revision is answered without a read (the caller needs only
   * what that revision decided, e.g. an immutable first event).
   */
  async load(stream: string, options: { atLeast?: bigint } = {}): Promise<Loaded<State>> {
    return this.mutex.run(stream, async () => {
      const cached = this.cached(stream);
      if (!cached) return view(await this.loadCached(stream));
      if (options.atLeast !== undefined && cached.revision >= options.atLeast) return view(cached);
      await this.catchUp(stream, cached);
      return view(cached);
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
        const ids = decision.events.map((event, index) => eventId(index, event));
        // The store keeps the first of repeated ids and drops the rest without a word: a follow-up event (a freeze,
        // an alert) would vanish. An eventId that ignores its index is a bug in the caller; say so loudly.
        if (new Set(ids).size !== ids.length) throw new Error(`Events of one decision on ${stream} share an id: eventId must use its index (${ids.join(', ')})`);
        try {
          const result = await this.options.store.appendToStream(
            stream,
            decision.events.map((event, index) => ({ id: ids[index], ...this.options.codec.encode(event), metadata: options.metadata })),
            { expectedRevision: loaded.revision < 0n ? 'no_stream' : loaded.revision },
          );
          const after = await this.afterAppend(stream, loaded, decision.events, ids[ids.length - 1], result.nextExpectedRevision);
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

  /** Forgets cached state (one stream, or all): the next command loads from the store (its snapshot, then the events after it). */
  forget(stream?: string): void {
    if (stream === undefined) this.cache.clear();
    else this.cache.delete(stream);
  }

  /** Forgets the cached state of every stream whose state matches (an erased account's batches, ADR 0017). */
  forgetWhere(matches: (state: State, stream: string) => boolean): void {
    this.cache.deleteWhere(matches);
  }

  /** Resolves once every snapshot scheduled so far has been written or deleted (or given up): tests, benchmarks, shutdown. */
  async snapshotsWritten(): Promise<void> {
    while (this.snapshotWrites.size > 0) await Promise.all([...this.snapshotWrites]);
  }

  private cached(stream: string): Entry<State> | undefined {
    return this.cache.get(stream) as Entry<State> | undefined;
  }

  private async loadCached(stream: string): Promise<Entry<State>> {
    const cached = this.cached(stream);
    if (cached) return cached;
    let entry = await this.fromSnapshot(stream);
    if (!entry) {
      entry = { state: this.options.initialState(), revision: -1n };
      await this.foldFrom(stream, entry, 'start');
    }
    // Unknown streams are not cached: a typo in an id must not cost memory forever.
    if (entry.revision >= 0n) {
      this.cache.set(stream, entry);
      this.maybeSnapshot(stream, entry);
    }
    return entry;
  }

  /**
   * The stream's state from its snapshot and the events after it, or undefined when there is no snapshot to use. The
   * read starts *at* the snapshot's revision, so the stream's own event there vouches for the snapshot.
   */
  private async fromSnapshot(stream: string): Promise<Entry<State> | undefined> {
    const snapshots = this.options.snapshots;
    if (!snapshots) return undefined;
    let snapshot: Snapshot | undefined;
    try {
      snapshot = await snapshots.store.get(stream);
    } catch (error) {
      this.snapshotError(error, stream);
      return undefined;
    }
    // Another shape (an older or newer version of the state): replay, and the next snapshot replaces it.
    if (!snapshot || snapshot.schemaVersion !== snapshots.serializer.version) return undefined;
    const page = await this.read(stream, snapshot.revision, this.pageSize);
    const anchor = page[0];
    if (!anchor || anchor.revision !== snapshot.revision || anchor.id.toLowerCase() !== snapshot.eventId.toLowerCase()) {
      // Taken of another history (the store was restored from an older backup): ahead of the stream, or of events
      // since written differently. Never used again.
      this.snapshotError(new Error(`Snapshot at revision ${snapshot.revision} does not match the stream (restored?); replaying it instead`), stream);
      this.track(snapshots.store.delete(stream).catch((error: unknown) => this.snapshotError(error, stream)));
      return undefined;
    }
    let state: State;
    try {
      state = snapshots.serializer.deserialize(JSON.parse(snapshot.state), stream);
    } catch (error) {
      this.snapshotError(error, stream);
      return undefined;
    }
    const entry: Entry<State> = { state, revision: snapshot.revision, eventId: anchor.id, sinceSnapshot: 0 };
    this.fold(entry, page.slice(1));
    if (page.length === this.pageSize) await this.foldFrom(stream, entry, entry.revision + 1n);
    return entry;
  }

  private async catchUp(stream: string, loaded: Entry<State>): Promise<void> {
    try {
      await this.foldFrom(stream, loaded, loaded.revision < 0n ? 'start' : loaded.revision + 1n);
      if (loaded.revision >= 0n) {
        this.cache.set(stream, loaded);
        this.maybeSnapshot(stream, loaded);
      }
    } catch (error) {
      this.cache.delete(stream);
      throw error;
    }
  }

  private async afterAppend(stream: string, loaded: Entry<State>, events: Event[], lastId: string, next: bigint): Promise<Loaded<State>> {
    if (next === loaded.revision + BigInt(events.length)) {
      for (const event of events) loaded.state = this.options.evolve(loaded.state, event);
      if (this.options.snapshots) loaded.sinceSnapshot = (loaded.sinceSnapshot ?? 0) + events.reduce((sum, event) => sum + this.weightOf(event), 0);
      loaded.revision = next;
      loaded.eventId = lastId;
      this.cache.set(stream, loaded);
      this.maybeSnapshot(stream, loaded);
      return loaded;
    }
    // The store answered a duplicate append (these ids were committed before) at another revision: the stream moved
    // on without us, so rebuild from the store rather than from what was decided.
    this.cache.delete(stream);
    const reloaded = await this.loadCached(stream);
    if (reloaded.revision < 0n) throw new Error(`Stream ${stream} is empty right after an append`);
    return reloaded;
  }

  /** Folds the stream from `from` on, a page at a time. */
  private async foldFrom(stream: string, entry: Entry<State>, from: bigint | 'start'): Promise<void> {
    for (let next = from; ; ) {
      const page = await this.read(stream, next, this.pageSize);
      this.fold(entry, page);
      if (page.length < this.pageSize) return;
      next = page[page.length - 1].revision + 1n;
    }
  }

  private fold(entry: Entry<State>, recorded: RecordedEvent[]): void {
    let weight = 0;
    for (const r of recorded) {
      const event = this.options.codec.decode(r);
      // A type this version does not know (written by a newer one) moves the revision but not the state.
      if (event !== undefined) {
        entry.state = this.options.evolve(entry.state, event);
        weight += this.weightOf(event);
      } else {
        entry.skipped = true;
        weight += 1;
      }
      entry.revision = r.revision;
      entry.eventId = r.id;
    }
    entry.sinceSnapshot = (entry.sinceSnapshot ?? 0) + weight;
  }

  private async read(stream: string, fromRevision: bigint | 'start', maxCount: number): Promise<RecordedEvent[]> {
    try {
      return await this.options.store.readStream(stream, { fromRevision, maxCount });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  /**
   * Schedules a snapshot once `every` events (by weight) were folded since the last one. It is written on a later
   * turn of the event loop, after the command that got here has been answered.
   */
  private maybeSnapshot(stream: string, entry: Entry<State>): void {
    if (!this.options.snapshots || entry.skipped || this.snapshotting.has(stream)) return;
    if ((entry.sinceSnapshot ?? 0) < this.snapshotEvery) return;
    this.snapshotting.add(stream);
    this.track(
      new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => this.writeSnapshot(stream))
        .finally(() => this.snapshotting.delete(stream)),
    );
  }

  /** Snapshot work in the background, which `snapshotsWritten` waits for; it never rejects. */
  private track(work: Promise<void>): void {
    const tracked: Promise<void> = work.finally(() => this.snapshotWrites.delete(tracked));
    this.snapshotWrites.add(tracked);
  }

  /**
   * Snapshots what the cache holds for the stream *now*: only committed state ever is there (evolved after its append
   * succeeded, or folded from the store), and state and revision always change together within one synchronous step,
   * so serialising here, synchronously, captures a committed revision whatever commands are awaiting meanwhile.
   */
  private async writeSnapshot(stream: string): Promise<void> {
    const { store, serializer } = this.options.snapshots as SnapshotOptions<State, Event>;
    const entry = this.cached(stream);
    if (!entry || entry.skipped || entry.eventId === undefined || entry.revision < 0n) return;
    const revision = entry.revision;
    const eventId = entry.eventId;
    // Counted as taken even if it fails: a failing serialiser or store is tried again `every` later, not per command.
    entry.sinceSnapshot = 0;
    try {
      const state = JSON.stringify(serializer.serialize(entry.state, stream));
      await store.save(stream, { revision, eventId, schemaVersion: serializer.version, state });
    } catch (error) {
      this.snapshotError(error, stream);
    }
  }

  private snapshotError(error: unknown, stream: string): void {
    const report = this.options.snapshots?.onError;
    if (report) report(error, stream);
    else process.emitWarning(`Snapshot of ${stream}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** What a caller of `load` sees: the state and its revision, not the handler's bookkeeping. */
const view = <State>(entry: Entry<State>): Loaded<State> => ({ state: entry.state, revision: entry.revision });
