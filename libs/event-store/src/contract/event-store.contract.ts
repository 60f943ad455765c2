import { randomUUID } from 'node:crypto';
import { InMemoryCheckpointStore } from '../checkpoint/in-memory-checkpoint-store';
import { ActualRevision, StreamNotFoundError, SubscriptionClosedError, WrongExpectedVersionError } from '../errors';
import type { AllFilter, AllSubscription, EventData, EventStore, ExpectedRevision, RecordedEvent } from '../event-store.port';
import { runSubscription, SubscriptionErrorContext } from '../projection/run-subscription';

/*
 * One behavioural specification for every EventStore adapter (ARCHITECTURE.md: "one contract test suite run against
 * every adapter"). Every test names its own streams and event types under a per-run prefix and filters its
 * subscriptions by them, so the suite also runs against a shared EventStoreDB that already holds other data.
 */

export interface EventStoreFixture {
  store: EventStore;
  cleanup(): Promise<void>;
}

export interface ContractOptions {
  /** When set, every case is registered but skipped, and the reason is part of the describe name. */
  skip?: string;
}

const event = (type = 'ThingHappened', data: unknown = { n: 1 }, metadata?: Record<string, unknown>): EventData => ({
  id: randomUUID(),
  type,
  data,
  ...(metadata ? { metadata } : {}),
});

async function expectConflict(promise: Promise<unknown>, stream: string, expected: ExpectedRevision, actual: ActualRevision): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  const conflict = error as WrongExpectedVersionError;
  expect(conflict.code).toBe('CONCURRENCY_CONFLICT');
  expect(conflict.streamName).toBe(stream);
  expect(conflict.expectedRevision).toBe(expected);
  expect(conflict.actualRevision).toBe(actual);
}

/** Pulls exactly `count` events (waiting for live ones as needed). */
async function take(subscription: AllSubscription, count: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  while (events.length < count) {
    const batch = await subscription.nextBatch(count - events.length);
    if (batch.length === 0) break;
    events.push(...batch);
  }
  return events;
}

/** Everything the subscription delivers up to the head as of now; then unsubscribes. */
async function drain(subscription: AllSubscription): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  const caughtUp = subscription.caughtUp();
  const pump = (async () => {
    for (;;) {
      const batch = await subscription.nextBatch(100);
      if (batch.length === 0) return;
      events.push(...batch);
    }
  })();
  await caughtUp;
  await subscription.unsubscribe();
  await pump;
  return events;
}

const ids = (events: { id: string }[]) => events.map((e) => e.id);

export function describeEventStoreContract(name: string, factory: () => Promise<EventStoreFixture>, options: ContractOptions = {}): void {
  const describeOrSkip = options.skip ? describe.skip : describe;
  describeOrSkip(options.skip ? `${name} (skipped: ${options.skip})` : name, () => {
    const run = randomUUID().slice(0, 8);
    let counter = 0;
    /** A fresh prefix per use: `c<run>x<n>-`, used for stream names and (capitalised) event types. */
    const unique = () => `c${run}x${++counter}-`;
    const typePrefix = () => `T${run}x${++counter}`;

    let fixture: EventStoreFixture;
    let store: EventStore;
    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    /** A stream holding two events (revision 1). */
    async function existingStream(): Promise<string> {
      const stream = `${unique()}order`;
      await store.appendToStream(stream, [event(), event()], { expectedRevision: 'no_stream' });
      return stream;
    }

    describe('appendToStream: expected revision', () => {
      type Case = [label: string, expected: ExpectedRevision, outcome: bigint | ActualRevision];
      // outcome: the new last revision on success, or the conflict's actual revision.
      const onMissing: Case[] = [
        ['any', 'any', 0n],
        ['no_stream', 'no_stream', 0n],
        ['stream_exists', 'stream_exists', 'no_stream'],
        ['exact 0', 0n, 'no_stream'],
        ['exact 5', 5n, 'no_stream'],
      ];
      const onExisting: Case[] = [
        ['any', 'any', 2n],
        ['no_stream', 'no_stream', 1n],
        ['stream_exists', 'stream_exists', 2n],
        ['exact 1 (current)', 1n, 2n],
        ['exact 0 (stale)', 0n, 1n],
        ['exact 5 (ahead)', 5n, 1n],
      ];
      const succeeds = (label: string, expected: ExpectedRevision, existing: boolean) =>
        existing ? ['any', 'stream_exists'].includes(label) || expected === 1n : ['any', 'no_stream'].includes(label);

      it.each(onMissing)('missing stream, expected %s', async (label, expected, outcome) => {
        const stream = `${unique()}order`;
        const append = store.appendToStream(stream, event(), { expectedRevision: expected });
        if (succeeds(label, expected, false)) {
          await expect(append).resolves.toMatchObject({ nextExpectedRevision: outcome });
          expect(await store.readStream(stream)).toHaveLength(1);
        } else {
          await expectConflict(append, stream, expected, outcome as ActualRevision);
          await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFoundError);
        }
      });

      it.each(onExisting)('existing stream at revision 1, expected %s', async (label, expected, outcome) => {
        const stream = await existingStream();
        const append = store.appendToStream(stream, event(), { expectedRevision: expected });
        if (succeeds(label, expected, true)) {
          await expect(append).resolves.toMatchObject({ nextExpectedRevision: outcome });
          expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        } else {
          await expectConflict(append, stream, expected, outcome as ActualRevision);
          expect(await store.readStream(stream)).toHaveLength(2);
        }
      });

      it('an empty append only checks the expected revision', async () => {
        const missing = `${unique()}order`;
        await expect(store.appendToStream(missing, [], { expectedRevision: 'no_stream' })).resolves.toEqual({ nextExpectedRevision: -1n, position: -1n });
        await expectConflict(store.appendToStream(missing, [], { expectedRevision: 'stream_exists' }), missing, 'stream_exists', 'no_stream');
        await expect(store.readStream(missing)).rejects.toBeInstanceOf(StreamNotFoundError);
        const stream = await existingStream();
        const [, last] = await store.readStream(stream);
        await expect(store.appendToStream(stream, [], { expectedRevision: 1n })).resolves.toEqual({ nextExpectedRevision: 1n, position: last.position });
        await expectConflict(store.appendToStream(stream, [], { expectedRevision: 0n }), stream, 0n, 1n);
      });

      it('defaults to any', async () => {
        const stream = await existingStream();
        await expect(store.appendToStream(stream, event())).resolves.toMatchObject({ nextExpectedRevision: 2n });
      });

      it('chains: each result is the next expected revision, positions grow', async () => {
        const stream = `${unique()}order`;
        const first = await store.appendToStream(stream, [event(), event(), event()], { expectedRevision: 'no_stream' });
        expect(first.nextExpectedRevision).toBe(2n);
        const second = await store.appendToStream(stream, event(), { expectedRevision: first.nextExpectedRevision });
        expect(second.nextExpectedRevision).toBe(3n);
        expect(second.position).toBeGreaterThan(first.position);
        const read = await store.readStream(stream);
        expect(read[2].position).toBe(first.position);
        expect(read[3].position).toBe(second.position);
      });

      it('concurrent appenders with the same expected revision: exactly one wins', async () => {
        const stream = await existingStream();
        const a = event('A');
        const b = event('B');
        const results = await Promise.allSettled([
          store.appendToStream(stream, a, { expectedRevision: 1n }),
          store.appendToStream(stream, b, { expectedRevision: 1n }),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0].reason).toBeInstanceOf(WrongExpectedVersionError);
        expect(lost[0].reason).toMatchObject({ streamName: stream, expectedRevision: 1n, actualRevision: 2n });
        const read = await store.readStream(stream);
        expect(read).toHaveLength(3);
        expect(read[2].id).toBe(results[0].status === 'fulfilled' ? a.id : b.id);
      });

      it('concurrent creators with no_stream: exactly one creates the stream', async () => {
        const stream = `${unique()}order`;
        const results = await Promise.allSettled(
          [event(), event(), event()].map((e) => store.appendToStream(stream, e, { expectedRevision: 'no_stream' })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
          expect(r.reason).toMatchObject({ expectedRevision: 'no_stream', actualRevision: 0n });
        }
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('a conflict, then a successful append with the revision the error reported', async () => {
        const stream = await existingStream();
        const late = event('Late');
        const conflict = await store.appendToStream(stream, late, { expectedRevision: 0n }).catch((e: WrongExpectedVersionError) => e);
        expect(conflict).toBeInstanceOf(WrongExpectedVersionError);
        const actual = (conflict as WrongExpectedVersionError).actualRevision as bigint;
        await expect(store.appendToStream(stream, late, { expectedRevision: actual })).resolves.toMatchObject({ nextExpectedRevision: 2n });
        expect(ids(await store.readStream(stream, { fromRevision: 2n }))).toEqual([late.id]);
      });
    });

    describe('readStream', () => {
      it('a missing stream throws StreamNotFoundError', async () => {
        const stream = `${unique()}nothing`;
        const error = await store.readStream(stream).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StreamNotFoundError);
        expect(error).toMatchObject({ streamName: stream, code: 'STREAM_NOT_FOUND' });
        await expect(store.readStream(stream, { direction: 'backwards' })).rejects.toBeInstanceOf(StreamNotFoundError);
      });

      describe('ranges over a stream of five events', () => {
        let stream: string;
        let written: EventData[];
        beforeEach(async () => {
          stream = `${unique()}ranged`;
          written = [0, 1, 2, 3, 4].map((n) => event('Counted', { n }));
          await store.appendToStream(stream, written);
          // Another stream in between must never leak into reads.
          await store.appendToStream(`${stream}-other`, event());
        });
        const nums = (events: RecordedEvent[]) => events.map((e) => (e.data as { n: number }).n);

        it('forwards from the start by default, every field recorded', async () => {
          const read = await store.readStream(stream);
          expect(nums(read)).toEqual([0, 1, 2, 3, 4]);
          expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
          expect(ids(read)).toEqual(ids(written));
          for (const e of read) {
            expect(e.streamName).toBe(stream);
            expect(e.type).toBe('Counted');
          }
          for (let i = 1; i < read.length; i++) expect(read[i].position).toBeGreaterThan(read[i - 1].position);
        });
        it('forwards from a revision (inclusive) with maxCount', async () => {
          expect(nums(await store.readStream(stream, { fromRevision: 2n }))).toEqual([2, 3, 4]);
          expect(nums(await store.readStream(stream, { fromRevision: 1n, maxCount: 2 }))).toEqual([1, 2]);
          expect(nums(await store.readStream(stream, { maxCount: 1 }))).toEqual([0]);
        });
        it('backwards from the end by default', async () => {
          expect(nums(await store.readStream(stream, { direction: 'backwards' }))).toEqual([4, 3, 2, 1, 0]);
          expect(nums(await store.readStream(stream, { direction: 'backwards', maxCount: 1 }))).toEqual([4]);
        });
        it('backwards from a revision (inclusive) with maxCount', async () => {
          expect(nums(await store.readStream(stream, { direction: 'backwards', fromRevision: 2n }))).toEqual([2, 1, 0]);
          expect(nums(await store.readStream(stream, { direction: 'backwards', fromRevision: 3n, maxCount: 2 }))).toEqual([3, 2]);
        });
        it('the ends: past the end, start and end markers, maxCount 0', async () => {
          expect(await store.readStream(stream, { fromRevision: 5n })).toEqual([]);
          expect(await store.readStream(stream, { fromRevision: 'end' })).toEqual([]);
          expect(nums(await store.readStream(stream, { fromRevision: 'start', direction: 'backwards' }))).toEqual([0]);
          expect(nums(await store.readStream(stream, { fromRevision: 'end', direction: 'backwards', maxCount: 2 }))).toEqual([4, 3]);
          expect(nums(await store.readStream(stream, { fromRevision: 99n, direction: 'backwards', maxCount: 1 }))).toEqual([4]);
          expect(await store.readStream(stream, { maxCount: 0 })).toEqual([]);
        });
        it('refuses invalid options', async () => {
          await expect(store.readStream(stream, { fromRevision: -1n })).rejects.toThrow(RangeError);
          await expect(store.readStream(stream, { maxCount: -1 })).rejects.toThrow(RangeError);
        });
      });
    });

    describe('idempotent appends (event id already in the stream)', () => {
      it('the same append twice keeps one copy and reports the same revision and position', async () => {
        const stream = `${unique()}order`;
        const events = [event(), event()];
        const first = await store.appendToStream(stream, events, { expectedRevision: 'any' });
        const again = await store.appendToStream(stream, events, { expectedRevision: 'any' });
        expect(again).toEqual(first);
        expect(ids(await store.readStream(stream))).toEqual(ids(events));
      });

      it('a retry after success with the original (now stale) expected revision succeeds as a no-op', async () => {
        const stream = await existingStream();
        const e = event('Retried');
        const first = await store.appendToStream(stream, e, { expectedRevision: 1n });
        await expect(store.appendToStream(stream, e, { expectedRevision: 1n })).resolves.toEqual(first);
        await expect(store.appendToStream(stream, e, { expectedRevision: 'no_stream' })).resolves.toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('an old duplicate is a no-op whatever it expects; revision unchanged', async () => {
        const stream = `${unique()}order`;
        const old = event('Old');
        await store.appendToStream(stream, old);
        await store.appendToStream(stream, [event(), event()]);
        const result = await store.appendToStream(stream, old, { expectedRevision: 0n });
        expect(result.nextExpectedRevision).toBe(2n);
        expect(result.position).toBe((await store.readStream(stream))[0].position);
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('ids are compared case-insensitively (UUIDs)', async () => {
        const stream = `${unique()}order`;
        const e = event();
        await store.appendToStream(stream, e);
        await store.appendToStream(stream, { ...e, id: e.id.toUpperCase() });
        expect(ids(await store.readStream(stream))).toEqual([e.id]);
      });

      it('a mixed batch appends only the new events, after the expected revision check', async () => {
        const stream = `${unique()}order`;
        const a = event('A');
        const b = event('B');
        const first = await store.appendToStream(stream, a);
        await expectConflict(store.appendToStream(stream, [a, b], { expectedRevision: 'no_stream' }), stream, 'no_stream', 0n);
        const mixed = await store.appendToStream(stream, [a, b], { expectedRevision: first.nextExpectedRevision });
        expect(mixed.nextExpectedRevision).toBe(1n);
        expect(ids(await store.readStream(stream))).toEqual([a.id, b.id]);
      });

      it('an id repeated inside one append is stored once', async () => {
        const stream = `${unique()}order`;
        const e = event();
        const result = await store.appendToStream(stream, [e, e, event()]);
        expect(result.nextExpectedRevision).toBe(1n);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('the same id in another stream is another event', async () => {
        const prefix = unique();
        const e = event();
        await store.appendToStream(`${prefix}one`, e);
        await store.appendToStream(`${prefix}two`, e);
        expect(ids(await store.readStream(`${prefix}two`))).toEqual([e.id]);
      });
    });

    describe('event content', () => {
      it('round-trips data and metadata; metadata defaults to {}', async () => {
        const stream = `${unique()}order`;
        const metadata = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', causationId: randomUUID(), nested: { list: [1, 'two', null] } };
        const data = { amount: '12.3400', units: 123400, unicode: 'Grüße 👋 短信', flag: true, nothing: null };
        await store.appendToStream(stream, [event('WithMeta', data, metadata), event('NoMeta', ['a', 1])]);
        const [withMeta, noMeta] = await store.readStream(stream);
        expect(withMeta.data).toEqual(data);
        expect(withMeta.metadata).toEqual(metadata);
        expect(noMeta.data).toEqual(['a', 1]);
        expect(noMeta.metadata).toEqual({});
      });

      it('revisions and positions are bigints; created is a Date', async () => {
        const stream = `${unique()}order`;
        const result = await store.appendToStream(stream, event());
        expect(typeof result.nextExpectedRevision).toBe('bigint');
        expect(typeof result.position).toBe('bigint');
        const [recorded] = await store.readStream(stream);
        expect(typeof recorded.revision).toBe('bigint');
        expect(recorded.position).toBe(result.position);
        expect(recorded.created).toBeInstanceOf(Date);
        expect(Number.isNaN(recorded.created.getTime())).toBe(false);
      });

      it('stores a large event (1,000 items, ~200 KB of JSON) intact', async () => {
        const stream = `${unique()}batch`;
        const items = Array.from({ length: 1000 }, (_, i) => ({
          messageId: randomUUID(),
          to: `+4479${String(i).padStart(8, '0')}`,
          segments: (i % 3) + 1,
          priceMinor: 1234 * i,
          text: `message number ${i} `.repeat(6),
        }));
        const big = event('BatchAccepted', { items });
        expect(JSON.stringify(big.data).length).toBeGreaterThan(200_000);
        await store.appendToStream(stream, big);
        const [read] = await store.readStream(stream);
        expect(read.data).toEqual({ items });
      });

      it('reads a long stream whole and in order', async () => {
        const stream = `${unique()}long`;
        for (let chunk = 0; chunk < 10; chunk++) {
          await store.appendToStream(stream, Array.from({ length: 200 }, (_, i) => event('Counted', { n: chunk * 200 + i })));
        }
        const read = await store.readStream(stream);
        expect(read).toHaveLength(2000);
        expect(read.every((e, i) => e.revision === BigInt(i) && (e.data as { n: number }).n === i)).toBe(true);
      });

      it('hands out copies: mutating what was read changes nothing stored', async () => {
        const stream = `${unique()}order`;
        await store.appendToStream(stream, event('Thing', { n: 1 }, { m: 1 }));
        const [first] = await store.readStream(stream);
        (first.data as { n: number }).n = 99;
        first.metadata.m = 99;
        const [again] = await store.readStream(stream);
        expect(again.data).toEqual({ n: 1 });
        expect(again.metadata).toEqual({ m: 1 });
      });

      it('refuses what it cannot store faithfully, and writes nothing', async () => {
        const stream = `${unique()}order`;
        await expect(store.appendToStream(stream, event('Money', { amount: 10n }))).rejects.toThrow(TypeError);
        await expect(store.appendToStream(stream, { ...event(), id: 'not-a-uuid' })).rejects.toThrow(TypeError);
        await expect(store.appendToStream(stream, event('$system'))).rejects.toThrow(TypeError);
        await expect(store.appendToStream(`$${stream}`, event())).rejects.toThrow(TypeError);
        await expect(store.appendToStream(stream, [event(), event('Money', { amount: 10n })])).rejects.toThrow(TypeError);
        await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFoundError);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up on history, then delivers live appends, in position order', async () => {
        const prefix = unique();
        const history = [event('A'), event('B'), event('C')];
        await store.appendToStream(`${prefix}one`, history.slice(0, 2));
        await store.appendToStream(`${prefix}two`, history[2]);
        const subscription = store.subscribeToAll({ filter: { streamNamePrefixes: [prefix] } });
        const caughtUp = await take(subscription, 3);
        expect(ids(caughtUp)).toEqual(ids(history));

        const live = [event('D'), event('E')];
        const pending = take(subscription, 2);
        await store.appendToStream(`${prefix}one`, live[0]);
        await store.appendToStream(`${prefix}three`, live[1]);
        const delivered = await pending;
        expect(ids(delivered)).toEqual(ids(live));
        expect(delivered[0]).toMatchObject({ streamName: `${prefix}one`, revision: 2n, type: 'D' });
        const positions = [...caughtUp, ...delivered].map((e) => e.position);
        expect([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(positions);
        expect(new Set(positions).size).toBe(5);
        await subscription.unsubscribe();
      });

      it('filters by stream-name prefix (any of several)', async () => {
        const [a, b, c] = [unique(), unique(), unique()];
        await store.appendToStream(`${a}s`, event('InA'));
        await store.appendToStream(`${b}s`, event('InB'));
        await store.appendToStream(`${c}s`, event('InC'));
        const delivered = await drain(store.subscribeToAll({ filter: { streamNamePrefixes: [a, c] } }));
        expect(delivered.map((e) => e.type)).toEqual(['InA', 'InC']);
      });

      it('filters by event-type prefix, and by both (AND)', async () => {
        const prefix = unique();
        const types = typePrefix();
        await store.appendToStream(`${prefix}s`, [event(`${types}Accepted`), event('Unrelated'), event(`${types}Rejected`)]);
        await store.appendToStream(`${unique()}elsewhere`, event(`${types}Elsewhere`));
        const byType = await drain(store.subscribeToAll({ filter: { eventTypePrefixes: [`${types}Acc`, `${types}Rej`] } }));
        expect(byType.map((e) => e.type)).toEqual([`${types}Accepted`, `${types}Rejected`]);
        const both = await drain(store.subscribeToAll({ filter: { streamNamePrefixes: [prefix], eventTypePrefixes: [types] } }));
        expect(both.map((e) => e.type)).toEqual([`${types}Accepted`, `${types}Rejected`]);
      });

      it('refuses an empty prefix list', () => {
        expect(() => store.subscribeToAll({ filter: { streamNamePrefixes: [] } })).toThrow(TypeError);
      });

      it("fromPosition is exclusive; 'end' delivers only new events", async () => {
        const prefix = unique();
        const filter: AllFilter = { streamNamePrefixes: [prefix] };
        const events = [event(), event(), event()];
        await store.appendToStream(`${prefix}s`, events);
        const read = await store.readStream(`${prefix}s`);
        expect(ids(await drain(store.subscribeToAll({ fromPosition: read[0].position, filter })))).toEqual(ids(events.slice(1)));
        expect(await drain(store.subscribeToAll({ fromPosition: read[2].position, filter }))).toEqual([]);

        const fromEnd = store.subscribeToAll({ fromPosition: 'end', filter });
        const next = event();
        const pending = take(fromEnd, 1);
        await store.appendToStream(`${prefix}s`, next);
        expect(ids(await pending)).toEqual([next.id]);
        await fromEnd.unsubscribe();
      });

      it('resumes from a saved checkpoint with exactly the events after it, none twice', async () => {
        const prefix = unique();
        const filter: AllFilter = { streamNamePrefixes: [prefix] };
        const all = Array.from({ length: 8 }, (_, i) => event('Counted', { i }));
        await store.appendToStream(`${prefix}a`, all.slice(0, 3));
        await store.appendToStream(`${prefix}b`, all.slice(3, 5));
        const first = store.subscribeToAll({ filter });
        const seen = await take(first, 4); // stops inside the second append
        await first.unsubscribe();
        const checkpoint = seen[seen.length - 1].position;
        await store.appendToStream(`${prefix}a`, all.slice(5));
        const rest = await drain(store.subscribeToAll({ fromPosition: checkpoint, filter }));
        expect(ids([...seen, ...rest])).toEqual(ids(all));
      });

      it('delivers a long history in order without gaps (several pages)', async () => {
        const prefix = unique();
        const written: EventData[] = [];
        for (let i = 0; i < 12; i++) {
          const chunk = Array.from({ length: 100 }, () => event());
          written.push(...chunk);
          await store.appendToStream(`${prefix}${i % 3}`, chunk);
        }
        const delivered = await drain(store.subscribeToAll({ filter: { streamNamePrefixes: [prefix] } }));
        expect(ids(delivered)).toEqual(ids(written));
      });

      it('loses and reorders nothing while appends race the catch-up', async () => {
        const prefix = unique();
        const subscription = store.subscribeToAll({ filter: { streamNamePrefixes: [prefix] } });
        const written: string[] = [];
        const writer = (async () => {
          for (let i = 0; i < 40; i++) {
            const batch = [event(), event()];
            await store.appendToStream(`${prefix}${i % 4}`, batch);
            written.push(...ids(batch));
          }
        })();
        const delivered = await take(subscription, 80);
        await writer;
        await subscription.unsubscribe();
        expect(ids(delivered)).toEqual(written);
      });

      it('is an async iterable; unsubscribe ends a waiting iteration', async () => {
        const prefix = unique();
        await store.appendToStream(`${prefix}s`, [event(), event()]);
        const subscription = store.subscribeToAll({ filter: { streamNamePrefixes: [prefix] } });
        const seen: RecordedEvent[] = [];
        const consumer = (async () => {
          for await (const recorded of subscription) {
            seen.push(recorded);
            if (seen.length === 2) setTimeout(() => void subscription.unsubscribe(), 0);
          }
        })();
        await consumer;
        expect(seen).toHaveLength(2);
        expect(await subscription.nextBatch(10)).toEqual([]);
        await expect(subscription.caughtUp()).rejects.toBeInstanceOf(SubscriptionClosedError);
      });

      it('breaking out of a for-await unsubscribes; the store keeps working', async () => {
        const prefix = unique();
        await store.appendToStream(`${prefix}s`, [event(), event(), event()]);
        const subscription = store.subscribeToAll({ filter: { streamNamePrefixes: [prefix] } });
        for await (const recorded of subscription) {
          expect(recorded.revision).toBe(0n);
          break;
        }
        expect(await subscription.nextBatch(10)).toEqual([]);
        await store.appendToStream(`${prefix}s`, event());
        expect(await store.readStream(`${prefix}s`)).toHaveLength(4);
      });

      it('caughtUp resolves with the last delivered position, also when the newest events are filtered out', async () => {
        const prefix = unique();
        await store.appendToStream(`${prefix}s`, [event(), event()]);
        await store.appendToStream(`${unique()}other`, event());
        const subscription = store.subscribeToAll({ filter: { streamNamePrefixes: [prefix] } });
        const caughtUp = subscription.caughtUp();
        const delivered = await take(subscription, 2);
        await expect(caughtUp).resolves.toBe(delivered[1].position);
        await subscription.unsubscribe();
      });

      it('closing the store ends its subscriptions', async () => {
        const subscription = store.subscribeToAll({ fromPosition: 'end', filter: { streamNamePrefixes: [unique()] } });
        const waiting = subscription.nextBatch(10);
        await store.close();
        await expect(waiting).resolves.toEqual([]);
      });
    });

    describe('runSubscription', () => {
      const fast = { initialMs: 5, maxMs: 20 };

      it('hands over batches of what is available (up to batchSize) and checkpoints each', async () => {
        const prefix = unique();
        const checkpoints = new InMemoryCheckpointStore();
        const written = Array.from({ length: 7 }, () => event());
        await store.appendToStream(`${prefix}s`, written);
        const batches: RecordedEvent[][] = [];
        const saved: (bigint | undefined)[] = [];
        const running = runSubscription({
          store,
          checkpoints,
          name: 'proj',
          filter: { streamNamePrefixes: [prefix] },
          batchSize: 3,
          handle: async (events) => {
            saved.push(await checkpoints.load('proj'));
            batches.push(events);
          },
        });
        await running.caughtUp();
        expect(ids(batches.flat())).toEqual(ids(written));
        expect(batches.every((b) => b.length >= 1 && b.length <= 3)).toBe(true);
        // The checkpoint before each batch is the last event of the previous one.
        expect(saved).toEqual([undefined, ...batches.slice(0, -1).map((b) => b[b.length - 1].position)]);
        const last = batches.flat()[6].position;
        expect(running.position()).toBe(last);
        expect(await checkpoints.load('proj')).toBe(last);

        // Live: one new event comes as a batch of one; nothing waits for the batch to fill.
        const live = event();
        await store.appendToStream(`${prefix}s`, live);
        await running.caughtUp();
        expect(ids(batches[batches.length - 1])).toEqual([live.id]);
        await running.stop();
      });

      it('retries a failing batch with backoff and never skips it', async () => {
        const prefix = unique();
        const checkpoints = new InMemoryCheckpointStore();
        const written = Array.from({ length: 4 }, () => event());
        const handled: string[] = [];
        const errors: SubscriptionErrorContext[] = [];
        let failuresLeft = 3;
        let checkpointWhileFailing: bigint | undefined;
        await store.appendToStream(`${prefix}s`, written.slice(0, 2));
        const running = runSubscription({
          store,
          checkpoints,
          name: 'flaky',
          filter: { streamNamePrefixes: [prefix] },
          retry: fast,
          onError: (_error, context) => errors.push(context),
          handle: async (events) => {
            if (events.some((e) => e.id === written[2].id) && failuresLeft > 0) {
              failuresLeft--;
              checkpointWhileFailing = await checkpoints.load('flaky');
              throw new Error('downstream unavailable');
            }
            handled.push(...ids(events));
          },
        });
        await running.caughtUp();
        await store.appendToStream(`${prefix}s`, written.slice(2));
        await running.caughtUp();
        expect(handled).toEqual(ids(written));
        expect(errors.map((e) => [e.stage, e.attempt])).toEqual([
          ['handle', 1],
          ['handle', 2],
          ['handle', 3],
        ]);
        expect(checkpointWhileFailing).toBe((await store.readStream(`${prefix}s`))[1].position);
        expect(await checkpoints.load('flaky')).toBe((await store.readStream(`${prefix}s`))[3].position);
        await running.stop();
      });

      it('retries a failed checkpoint save without handling the batch again', async () => {
        const prefix = unique();
        const inner = new InMemoryCheckpointStore();
        let saveFailures = 2;
        const checkpoints = {
          load: (name: string) => inner.load(name),
          save: async (name: string, position: bigint) => {
            if (saveFailures-- > 0) throw new Error('disk full');
            await inner.save(name, position);
          },
        };
        const written = [event(), event()];
        await store.appendToStream(`${prefix}s`, written);
        let handledCount = 0;
        const stages: string[] = [];
        const running = runSubscription({
          store,
          checkpoints,
          name: 'cp',
          filter: { streamNamePrefixes: [prefix] },
          retry: fast,
          onError: (_e, context) => stages.push(context.stage),
          handle: async (events) => void (handledCount += events.length),
        });
        await running.caughtUp();
        expect(handledCount).toBe(2);
        expect(stages).toEqual(['save-checkpoint', 'save-checkpoint']);
        expect(await inner.load('cp')).toBe((await store.readStream(`${prefix}s`))[1].position);
        await running.stop();
      });

      it('resumes after stop from its checkpoint: every event handled exactly once', async () => {
        const prefix = unique();
        const checkpoints = new InMemoryCheckpointStore();
        const handled: string[] = [];
        const options = {
          store,
          checkpoints,
          name: 'resumable',
          filter: { streamNamePrefixes: [prefix] },
          handle: async (events: RecordedEvent[]) => void handled.push(...ids(events)),
        };
        const before = [event(), event(), event()];
        await store.appendToStream(`${prefix}s`, before);
        const first = runSubscription(options);
        await first.caughtUp();
        await first.stop();
        await expect(first.caughtUp()).rejects.toBeInstanceOf(SubscriptionClosedError);

        const after = [event(), event()];
        await store.appendToStream(`${prefix}s`, after);
        const second = runSubscription(options);
        await second.caughtUp();
        expect(handled).toEqual(ids([...before, ...after]));
        await second.stop();
      });

      it('stop() during retries gives up the batch without checkpointing it', async () => {
        const prefix = unique();
        const checkpoints = new InMemoryCheckpointStore();
        await store.appendToStream(`${prefix}s`, event());
        let attempts = 0;
        let failing!: () => void;
        const firstFailure = new Promise<void>((resolve) => (failing = resolve));
        const running = runSubscription({
          store,
          checkpoints,
          name: 'stuck',
          filter: { streamNamePrefixes: [prefix] },
          retry: { initialMs: 60_000, maxMs: 60_000 },
          onError: () => failing(),
          handle: async () => {
            attempts++;
            throw new Error('always');
          },
        });
        await firstFailure;
        await running.stop();
        expect(attempts).toBe(1);
        expect(running.position()).toBeUndefined();
        expect(await checkpoints.load('stuck')).toBeUndefined();
      });

      it('ends by itself when its store is closed', async () => {
        const running = runSubscription({
          store,
          checkpoints: new InMemoryCheckpointStore(),
          name: 'orphan',
          filter: { streamNamePrefixes: [unique()] },
          retry: fast,
          onError: () => undefined,
          handle: async () => undefined,
        });
        await running.caughtUp();
        await store.close();
        await expect(running.caughtUp()).rejects.toBeInstanceOf(SubscriptionClosedError);
        await running.stop();
      });

      it('caughtUp resolves at once when nothing matches', async () => {
        const running = runSubscription({
          store,
          checkpoints: new InMemoryCheckpointStore(),
          name: 'idle',
          filter: { streamNamePrefixes: [unique()] },
          handle: async () => undefined,
        });
        await running.caughtUp();
        expect(running.position()).toBeUndefined();
        await running.stop();
      });
    });
  });
}
