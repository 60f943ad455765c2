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
import { type EventRow, toRecorded } from '../core/event-row';
import { assertFilter, matchesFilter } from '../core/filter';
import { assertStreamName, planAppend, prepareAppend } from '../core/prepare-events';
import { PullSubscription } from '../core/pull-subscription';
import { assertReadOptions, resolveReadRange } from '../core/read-options';

/** The event store in process memory: for unit tests and throwaway runs. Positions start at 1, like the SQLite adapter. */
export class InMemoryEventStore implements EventStore {
  // Kept as JSON text so readers get fresh objects and the same JSON round-trip as the persistent adapters.
  private readonly all: EventRow[] = [];
  private readonly streams = new Map<string, { events: EventRow[]; byId: Map<string, EventRow> }>();
  private readonly subscriptions = new Set<PullSubscription>();
  private closed = false;

  async appendToStream(stream: string, events: EventData | EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const { expected, prepared } = prepareAppend(stream, events, options);
    const existing = this.streams.get(stream);
    const plan = planAppend(stream, expected, prepared, existing?.events.at(-1), (id) => existing?.byId.get(id)?.position);
    if ('result' in plan) return plan.result;

    const target = existing ?? { events: [], byId: new Map<string, EventRow>() };
    const created = Date.now();
    for (const event of plan.fresh) {
      const stored: EventRow = {
        position: BigInt(this.all.length + 1),
        stream,
        revision: BigInt(target.events.length),
        id: event.id,
        type: event.type,
        data: event.dataJson,
        metadata: event.metadataJson,
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
            if (!matchesFilter(stored.stream, stored.type, filter)) continue;
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
