import { EventStoreClosedError, StreamNotFoundError } from '../errors';
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
import { assertExpectedRevisionValue, checkExpectedRevision } from '../core/expected-revision';
import { assertFilter, matchesFilter } from '../core/filter';
import { assertStreamName, newestPosition, prepareEvents, splitDuplicates } from '../core/prepare-events';
import { PullSubscription } from '../core/pull-subscription';
import { assertReadOptions, resolveReadRange } from '../core/read-options';

/** Kept as JSON text so readers get fresh objects and the same JSON round-trip as the persistent adapters. */
interface StoredEvent {
  position: bigint;
  streamName: string;
  revision: bigint;
  id: string;
  type: string;
  dataJson: string;
  metadataJson: string;
  created: number;
}

function toRecorded(stored: StoredEvent): RecordedEvent {
  return {
    id: stored.id,
    type: stored.type,
    streamName: stored.streamName,
    revision: stored.revision,
    position: stored.position,
    data: JSON.parse(stored.dataJson),
    metadata: JSON.parse(stored.metadataJson),
    created: new Date(stored.created),
  };
}

/** The event store in process memory: for unit tests and throwaway runs. Positions start at 1, like the SQLite adapter. */
export class InMemoryEventStore implements EventStore {
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, { events: StoredEvent[]; byId: Map<string, StoredEvent> }>();
  private readonly subscriptions = new Set<PullSubscription>();
  private closed = false;

  async appendToStream(stream: string, events: EventData | EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    assertStreamName(stream);
    const expected = options.expectedRevision ?? 'any';
    assertExpectedRevisionValue(expected);
    const prepared = prepareEvents(events);
    const existing = this.streams.get(stream);
    const current = existing ? BigInt(existing.events.length - 1) : undefined;
    const { fresh, duplicateIds } = splitDuplicates(prepared, (id) => existing?.byId.has(id) ?? false);

    if (existing && current !== undefined && prepared.length > 0 && fresh.length === 0) {
      // Every event is already in the stream: a retry of a committed append, accepted whatever it expected.
      return { nextExpectedRevision: current, position: newestPosition(duplicateIds, (id) => existing.byId.get(id)?.position) };
    }
    checkExpectedRevision(stream, expected, current ?? 'no_stream');
    if (fresh.length === 0) return { nextExpectedRevision: current ?? -1n, position: existing ? existing.events[existing.events.length - 1].position : -1n };

    const target = existing ?? { events: [], byId: new Map<string, StoredEvent>() };
    const created = Date.now();
    for (const event of fresh) {
      const stored: StoredEvent = {
        position: BigInt(this.all.length + 1),
        streamName: stream,
        revision: BigInt(target.events.length),
        id: event.id,
        type: event.type,
        dataJson: event.dataJson,
        metadataJson: event.metadataJson,
        created,
      };
      this.all.push(stored);
      target.events.push(stored);
      target.byId.set(stored.id, stored);
    }
    this.streams.set(stream, target);
    for (const subscription of this.subscriptions) subscription.notify();
    const last = target.events[target.events.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(stream);
    assertReadOptions(options);
    const existing = this.streams.get(stream);
    if (!existing) throw new StreamNotFoundError(stream);
    const { forwards, from, limit } = resolveReadRange(options);
    const events = existing.events;
    const result: RecordedEvent[] = [];
    if (forwards) {
      for (let i = from > BigInt(events.length) ? events.length : Number(from); i < events.length && result.length < limit; i++) {
        result.push(toRecorded(events[i]));
      }
    } else {
      for (let i = from >= BigInt(events.length) ? events.length - 1 : Number(from); i >= 0 && result.length < limit; i--) {
        result.push(toRecorded(events[i]));
      }
    }
    return result;
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const filter = options.filter;
    assertFilter(filter);
    const subscription = new PullSubscription(
      {
        read: (after, limit) => {
          const events: RecordedEvent[] = [];
          // Position p sits at index p - 1.
          let index = after < 0n ? 0 : Number(after);
          for (; index < this.all.length; index++) {
            const stored = this.all[index];
            if (!matchesFilter(stored.streamName, stored.type, filter)) continue;
            if (events.length === limit) break;
            events.push(toRecorded(stored));
          }
          const scanned = index > 0 && index <= this.all.length ? this.all[index - 1].position : -1n;
          return { events, scannedTo: scanned > after ? scanned : after };
        },
        head: () => (this.all.length > 0 ? this.all[this.all.length - 1].position : -1n),
        onClose: (closed) => this.subscriptions.delete(closed),
      },
      options.fromPosition ?? 'start',
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.unsubscribe()));
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError('InMemoryEventStore');
  }
}
