import { BACKWARDS, END, EventStoreDBClient } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, AllStreamSubscription, ResolvedEvent } from '@eventstore/db-client';
import { EventStoreClosedError, StreamNotFoundError, SubscriptionClosedError } from '../errors';
import type {
  AllSubscription,
  AppendOptions,
  AppendResult,
  EventData,
  EventStore,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port';
import { checkExpectedRevision } from '../core/expected-revision';
import { assertFilter } from '../core/filter';
import { assertStreamName, newestPosition, PreparedEvent, prepareAppend, splitDuplicates } from '../core/prepare-events';
import { assertReadOptions } from '../core/read-options';
import {
  fromClientError,
  fromResolvedEvent,
  isClientWrongExpectedVersion,
  toClientEventData,
  toClientExpectedRevision,
  toClientFilter,
  toClientReadPosition,
  toClientReadStreamOptions,
  toOurPosition,
} from './mapping';

export interface EventStoreDbEventStoreOptions {
  /**
   * How many of a stream's newest events an append checks for ids it already holds. EventStoreDB itself only
   * deduplicates a retry made with the same expected revision, so the adapter looks ids up first; the default
   * checks the whole stream, a number bounds the cost on very long streams.
   */
  idempotencyWindow?: number;
}

interface StreamTail {
  ids: Map<string, bigint>;
  last?: { revision: bigint; position: bigint };
}

/** The production adapter: a thin layer over @eventstore/db-client; translations live in mapping.ts. */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private readonly idempotencyWindow: number;
  private closed = false;

  constructor(
    readonly client: EventStoreDBClient,
    options: EventStoreDbEventStoreOptions = {},
  ) {
    this.idempotencyWindow = options.idempotencyWindow ?? Number.MAX_SAFE_INTEGER;
  }

  /** `url` is an `esdb://` / `kurrentdb://` connection string. */
  static connect(url: string, options?: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(url), options);
  }

  async appendToStream(stream: string, events: EventData | EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const { expected, prepared } = prepareAppend(stream, events, options);
    const tail = await this.readTail(stream);
    const duplicate = this.allDuplicates(prepared, tail);
    if (duplicate) return duplicate;
    const { fresh } = splitDuplicates(prepared, (id) => tail.ids.has(id));
    if (fresh.length === 0) {
      checkExpectedRevision(stream, expected, tail.last ? tail.last.revision : 'no_stream');
      return { nextExpectedRevision: tail.last?.revision ?? -1n, position: tail.last?.position ?? -1n };
    }
    try {
      const result = await this.client.appendToStream(stream, fresh.map(toClientEventData), { expectedRevision: toClientExpectedRevision(expected) });
      return { nextExpectedRevision: result.nextExpectedRevision, position: await this.positionOf(stream, result.nextExpectedRevision) };
    } catch (error) {
      if (isClientWrongExpectedVersion(error)) {
        // A concurrent retry of this same append may have committed it meanwhile; then this one is a no-op.
        const retried = this.allDuplicates(prepared, await this.readTail(stream));
        if (retried) return retried;
      }
      throw fromClientError(error, stream, expected);
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(stream);
    assertReadOptions(options);
    if (options.maxCount === 0) {
      await this.readStream(stream, { ...options, maxCount: 1 });
      return [];
    }
    return this.collect(stream, this.client.readStream(stream, toClientReadStreamOptions(options)));
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    assertFilter(options.filter);
    const subscription = new EventStoreDbSubscription(this.client, options, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.unsubscribe()));
    await this.client.dispose();
  }

  private allDuplicates(prepared: PreparedEvent[], tail: StreamTail): AppendResult | undefined {
    if (!tail.last || prepared.length === 0 || !prepared.every((event) => tail.ids.has(event.id))) return undefined;
    return { nextExpectedRevision: tail.last.revision, position: newestPosition(prepared.map((event) => event.id), (id) => tail.ids.get(id)) };
  }

  private async readTail(stream: string): Promise<StreamTail> {
    const tail: StreamTail = { ids: new Map() };
    try {
      const events = await this.collect(stream, this.client.readStream(stream, toClientReadStreamOptions({ direction: 'backwards', maxCount: this.idempotencyWindow })));
      for (const event of events) tail.ids.set(event.id, event.position);
      if (events.length > 0) tail.last = { revision: events[0].revision, position: events[0].position };
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return tail;
  }

  /** The exact position of the event at `revision` (an append reports a single position for the whole batch). */
  private async positionOf(stream: string, revision: bigint): Promise<bigint> {
    const [event] = await this.collect(stream, this.client.readStream(stream, toClientReadStreamOptions({ fromRevision: revision, maxCount: 1 })));
    if (!event) throw new Error(`Event ${stream}@${revision} vanished right after it was appended`);
    return event.position;
  }

  private async collect(stream: string, read: AsyncIterable<ResolvedEvent>): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of read) {
        const event = fromResolvedEvent(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      throw fromClientError(error, stream);
    }
    return events;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError('EventStoreDbEventStore');
  }
}

/** Position of the newest record in $all (system records included); -1n when empty. */
async function headPosition(client: EventStoreDBClient): Promise<bigint> {
  for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
    if (resolved.event?.position) return toOurPosition(resolved.event.position);
  }
  return -1n;
}

/** Wraps the client's catch-up subscription; the Readable's own buffer is the queue. */
class EventStoreDbSubscription implements AllSubscription {
  private readonly stream: AllStreamSubscription;
  private readonly matches: (streamName: string, type: string) => boolean;
  private readonly startAfter: Promise<bigint>;
  private lastDelivered: bigint | undefined;
  private failure: unknown;
  private ended = false;
  private closed = false;
  private pulling = false;
  private wake: (() => void) | undefined;
  private waiters: { target: bigint; resolve(position: bigint | undefined): void; reject(error: Error): void }[] = [];

  constructor(
    private readonly client: EventStoreDBClient,
    options: SubscribeToAllOptions,
    private readonly onClose: () => void,
  ) {
    const from = options.fromPosition ?? 'start';
    const filter = toClientFilter(options.filter);
    this.matches = filter.matches;
    this.stream = client.subscribeToAll({ fromPosition: toClientReadPosition(from), filter: filter.server });
    const signal = () => {
      const wake = this.wake;
      this.wake = undefined;
      wake?.();
    };
    this.stream.on('readable', signal);
    this.stream.on('end', () => ((this.ended = true), signal()));
    this.stream.on('close', () => ((this.ended = true), signal()));
    this.stream.on('error', (error) => ((this.failure = error), signal()));
    this.startAfter = from === 'start' ? Promise.resolve(-1n) : from === 'end' ? headPosition(client) : Promise.resolve(from);
    this.startAfter.catch(() => undefined);
  }

  async nextBatch(maxCount: number): Promise<RecordedEvent[]> {
    if (!Number.isInteger(maxCount) || maxCount < 1) throw new RangeError(`maxCount must be a positive integer, got ${maxCount}`);
    if (this.pulling) throw new Error('A subscription has one consumer: the previous read is still waiting');
    this.pulling = true;
    try {
      for (;;) {
        if (this.closed) return [];
        const batch: RecordedEvent[] = [];
        for (let item: AllStreamResolvedEvent | null; batch.length < maxCount && (item = this.stream.read()) !== null; ) {
          const event = fromResolvedEvent(item);
          if (event && this.matches(event.streamName, event.type)) batch.push(event);
        }
        if (batch.length > 0) return this.deliver(batch);
        if (this.failure) throw fromClientError(this.failure, '$all');
        if (this.ended) return [];
        // 'readable' is emitted asynchronously, so arming the wake-up right after read() returned null loses nothing.
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      this.pulling = false;
    }
  }

  async caughtUp(): Promise<bigint | undefined> {
    if (this.closed) throw new SubscriptionClosedError();
    const startAfter = await this.startAfter;
    const after = this.lastDelivered !== undefined && this.lastDelivered > startAfter ? this.lastDelivered : startAfter;
    const target = await this.lastMatchingAfter(after);
    if (target === undefined || (this.lastDelivered !== undefined && this.lastDelivered >= target)) return this.lastDelivered;
    return new Promise((resolve, reject) => this.waiters.push({ target, resolve, reject }));
  }

  async unsubscribe(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(new SubscriptionClosedError());
    this.onClose();
    await this.stream.unsubscribe();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return {
      next: async () => {
        const [event] = await this.nextBatch(1);
        return event ? { value: event, done: false } : { value: undefined, done: true };
      },
      return: async () => {
        await this.unsubscribe();
        return { value: undefined, done: true };
      },
    };
  }

  private deliver(batch: RecordedEvent[]): RecordedEvent[] {
    const last = batch[batch.length - 1].position;
    this.lastDelivered = last;
    this.waiters = this.waiters.filter((waiter) => {
      if (last < waiter.target) return true;
      waiter.resolve(last);
      return false;
    });
    return batch;
  }

  /** Newest event in $all after `after` that this subscription would deliver; scans backwards from the head. */
  private async lastMatchingAfter(after: bigint): Promise<bigint | undefined> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
    try {
      for await (const resolved of read) {
        const position = resolved.event?.position;
        if (!position) continue;
        if (toOurPosition(position) <= after) return undefined;
        const event = fromResolvedEvent(resolved);
        if (event && this.matches(event.streamName, event.type)) return event.position;
      }
      return undefined;
    } finally {
      await read.cancel().catch(() => undefined);
    }
  }
}
