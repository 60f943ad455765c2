/**
 * The event store port. Semantics follow EventStoreDB so the production adapter is a thin mapping:
 * stream revisions count from 0, a global position orders every event in the store, expected
 * revision guards optimistic concurrency, and re-appending an event id already in the stream is a no-op.
 */

/** `any` skips the check; `no_stream` requires the stream not to exist; `stream_exists` requires it to; a bigint is the revision of the last event. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface EventData<D = unknown, M extends Record<string, unknown> = Record<string, unknown>> {
  /** UUID (compared case-insensitively); appending an id that is already in the stream is idempotent. */
  id: string;
  /** Must not start with `$` (EventStoreDB's system events); stream names may not either. */
  type: string;
  /** Stored as JSON: must be JSON-serialisable (no bigint; money as safe integers or strings). */
  data: D;
  metadata?: M;
}

export interface RecordedEvent<D = unknown, M extends Record<string, unknown> = Record<string, unknown>> {
  id: string;
  type: string;
  streamName: string;
  /** Position within the stream, from 0. */
  revision: bigint;
  /** Position in the whole store ($all); strictly increasing in commit order. */
  position: bigint;
  data: D;
  metadata: M;
  created: Date;
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

/** An empty append only checks the expected revision: it reports the current revision and position (-1n when the stream does not exist). */
export interface AppendResult {
  /** Revision of the stream's last event after the append (pass it as the next expectedRevision). */
  nextExpectedRevision: bigint;
  /** Global position of the last event written (or of the existing event when the append was a duplicate). */
  position: bigint;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive start revision; defaults to 'start' forwards and 'end' backwards. */
  fromRevision?: bigint | 'start' | 'end';
  maxCount?: number;
}

export interface AllFilter {
  /** Keep events whose stream name starts with one of these. */
  streamNamePrefixes?: string[];
  /** Keep events whose type starts with one of these. */
  eventTypePrefixes?: string[];
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint: delivery starts after this position. 'start' delivers everything, 'end' only new events. */
  fromPosition?: bigint | 'start' | 'end';
  filter?: AllFilter;
}

/**
 * A live, catch-up subscription: delivers history after the checkpoint, then new events as they commit, in position order.
 * Consume it either by async iteration or by `nextBatch`, not both at once; `unsubscribe` ends either.
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  unsubscribe(): Promise<void>;
  /**
   * Waits until at least one event is available, then returns what is already available, at most `maxCount`
   * (never waits to fill the batch). Returns [] once the subscription has ended.
   */
  nextBatch(maxCount: number): Promise<RecordedEvent[]>;
  /**
   * Resolves once every matching event committed before the call has been handed to the consumer (events that the
   * filter drops count as handed over), with the position of the last event handed over so far (undefined if none).
   * Rejects if the subscription ends first.
   */
  caughtUp(): Promise<bigint | undefined>;
}

export interface EventStore {
  appendToStream(stream: string, events: EventData | EventData[], options?: AppendOptions): Promise<AppendResult>;
  /** Throws StreamNotFoundError when the stream has no events. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
