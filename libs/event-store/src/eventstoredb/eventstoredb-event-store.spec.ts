import { Readable } from 'node:stream';
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError as ClientStreamNotFoundError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
} from '@eventstore/db-client';
import type { AppendExpectedRevision, EventStoreDBClient, Filter, Position } from '@eventstore/db-client';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/*
 * Exercises the adapter's own logic (duplicate pre-check, conflict re-check, error mapping, Readable-driven
 * subscriptions, caughtUp's backwards scan) against a small in-process imitation of the client's API surface.
 * It is NOT evidence about a real server: eventstoredb-event-store.int.spec.ts runs the same contract against one
 * when EVENTSTORE_URL is set. The imitation models what matters to the adapter: every call is asynchronous, appends
 * are serialised, the events of one append share a commit position, $all interleaves system records, and the
 * server checks the expected revision without deduplicating ids.
 */

interface LogRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  created: Date;
  position: Position;
}

const after = (a: Position, b: Position) => a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare);
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function resolved(record: LogRecord) {
  // Fresh objects, as if decoded from the wire.
  return {
    event: { ...record, isJson: true, data: structuredClone(record.data), metadata: structuredClone(record.metadata) },
    commitPosition: record.position.commit,
  };
}

function readableOf(items: unknown[] | Error) {
  const readable = new Readable({
    objectMode: true,
    read() {
      if (items instanceof Error) this.destroy(items);
      else {
        for (const item of items) this.push(item);
        this.push(null);
      }
    },
  });
  return Object.assign(readable, { cancel: async () => void readable.destroy() });
}

function serverMatches(filter: Filter | undefined, record: LogRecord): boolean {
  if (!filter) return true;
  const value = filter.filterOn === 'streamName' ? record.streamId : record.type;
  return 'regex' in filter ? new RegExp(filter.regex).test(value) : filter.prefixes.some((p) => value.startsWith(p));
}

class SimulatedClient {
  private readonly log: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly live = new Set<(record: LogRecord) => void>();
  private logPosition = 4096n;
  disposed = false;

  private write(streamId: string, id: string, type: string, data: unknown, metadata: unknown, commit: bigint): LogRecord {
    const stream = this.streams.get(streamId) ?? [];
    const record: LogRecord = {
      streamId,
      id,
      revision: BigInt(stream.length),
      type,
      data: JSON.parse(JSON.stringify(data)),
      metadata: metadata === undefined ? undefined : JSON.parse(JSON.stringify(metadata)),
      created: new Date(),
      position: { commit, prepare: this.logPosition },
    };
    this.logPosition += 137n;
    stream.push(record);
    this.streams.set(streamId, stream);
    this.log.push(record);
    for (const push of this.live) push(record);
    return record;
  }

  async appendToStream(streamName: string, events: { id: string; type: string; data: unknown; metadata: unknown }[], options: { expectedRevision?: AppendExpectedRevision } = {}) {
    await tick();
    const expected = options.expectedRevision ?? ANY;
    const stream = this.streams.get(streamName);
    const current = stream ? stream[stream.length - 1].revision : NO_STREAM;
    const ok = expected === ANY || (expected === NO_STREAM && !stream) || (expected === STREAM_EXISTS && !!stream) || expected === current;
    if (!ok) throw new ClientWrongExpectedVersionError(undefined, { streamName, expected, current });
    // The server's own bookkeeping lands in $all between user events.
    this.write(`$$${streamName}`, crypto.randomUUID(), '$metadata', {}, undefined, this.logPosition);
    const commit = this.logPosition;
    const written = events.map((event) => this.write(streamName, event.id, event.type, event.data, event.metadata, commit));
    return { success: true, nextExpectedRevision: written[written.length - 1].revision, position: { commit, prepare: commit } };
  }

  readStream(streamName: string, options: { direction?: string; fromRevision?: bigint | string; maxCount?: number | bigint } = {}) {
    const stream = this.streams.get(streamName);
    if (!stream) return readableOf(new ClientStreamNotFoundError(undefined, streamName));
    const backwards = options.direction === BACKWARDS;
    const from = options.fromRevision ?? (backwards ? END : START);
    let records = backwards ? [...stream].reverse() : [...stream];
    if (typeof from === 'bigint') records = records.filter((r) => (backwards ? r.revision <= from : r.revision >= from));
    else if ((from === END) !== backwards) records = [];
    return readableOf(records.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)).map(resolved));
  }

  readAll(options: { direction?: string; fromPosition?: Position | string; maxCount?: number | bigint } = {}) {
    if (options.direction !== BACKWARDS || options.fromPosition !== END) throw new Error('simulation reads $all backwards from the end only');
    return readableOf([...this.log].reverse().slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)).map(resolved));
  }

  subscribeToAll(options: { fromPosition?: Position | string; filter?: Filter } = {}) {
    const from = options.fromPosition ?? START;
    const readable = new Readable({
      objectMode: true,
      read() {
        // Records are pushed as they are written.
      },
    });
    const push = (record: LogRecord) => {
      if (serverMatches(options.filter, record)) readable.push(resolved(record));
    };
    const start = from === END ? this.log.length : 0;
    setImmediate(() => {
      for (const record of this.log.slice(start)) if (typeof from !== 'object' || after(record.position, from)) push(record);
      this.live.add(push);
    });
    return Object.assign(readable, {
      unsubscribe: async () => {
        this.live.delete(push);
        readable.push(null);
      },
    });
  }

  async dispose() {
    this.disposed = true;
  }
}

describeEventStoreContract('EventStoreDbEventStore over a simulated client (adapter logic only, not a server)', async () => {
  const client = new SimulatedClient();
  const store = new EventStoreDbEventStore(client as unknown as EventStoreDBClient);
  return { store, cleanup: () => store.close() };
});

describe('EventStoreDbEventStore', () => {
  it('disposes its client on close', async () => {
    const client = new SimulatedClient();
    await new EventStoreDbEventStore(client as unknown as EventStoreDBClient).close();
    expect(client.disposed).toBe(true);
  });

  it('bounds the duplicate check to idempotencyWindow events', async () => {
    const store = new EventStoreDbEventStore(new SimulatedClient() as unknown as EventStoreDBClient, { idempotencyWindow: 2 });
    const event = () => ({ id: crypto.randomUUID(), type: 'T', data: {} });
    const old = event();
    await store.appendToStream('order-1', [old, event(), event()]);
    // `old` is outside the window: EventStoreDB would store it again, and the adapter does not look that far.
    await store.appendToStream('order-1', old);
    expect(await store.readStream('order-1')).toHaveLength(4);
    await store.close();
  });
});
