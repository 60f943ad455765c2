import { InMemoryEventStore, type EventStore, type ReadStreamOptions } from '@sms/event-store';
import { eventCodec, jsonEventType } from './core/codec';
import { accept, reject } from './core/decider';
import type { StateSerializer } from './core/snapshot';
import { CommandHandler, type SnapshotOptions } from './handle-command';
import { InMemorySnapshotStore, type Snapshot, type SnapshotStore } from './snapshot-store';

type Ev = { type: 'Deposited'; data: { amount: number; ref: string } };
type St = { balance: number; refs: string[] };

const codec = eventCodec<Ev>({ typeOf: (e) => e.type, types: [jsonEventType<Ev>('Deposited', 'test.Deposited.v1')] });
const handler = (store: EventStore, maxAttempts?: number) =>
  new CommandHandler<Ev, St>({
    store,
    codec,
    maxAttempts,
    initialState: () => ({ balance: 0, refs: [] }),
    // Mutates in place, as the account decider does: the kit must only evolve after a successful append.
    evolve: (s, e) => {
      s.balance += e.data.amount;
      s.refs.push(e.data.ref);
      return s;
    },
  });
const deposit = (amount: number, ref: string) => (s: St) =>
  s.refs.includes(ref) ? accept<Ev>() : amount <= 0 ? reject('INVALID_AMOUNT', 'must be positive') : accept<Ev>({ type: 'Deposited', data: { amount, ref } });

describe('CommandHandler', () => {
  it('loads, decides and appends with the codec, and returns the new state and revision', async () => {
    const store = new InMemoryEventStore();
    const result = await handler(store).handle('acc-1', deposit(5, 'r1'), { eventId: () => '6f1c5b8e-0000-4000-8000-000000000001', metadata: { causationId: 'x' } });
    expect(result).toEqual({ ok: true, events: [{ type: 'Deposited', data: { amount: 5, ref: 'r1' } }], state: { balance: 5, refs: ['r1'] }, revision: 0n });
    const [recorded] = await store.readStream('acc-1');
    expect(recorded).toMatchObject({ id: '6f1c5b8e-0000-4000-8000-000000000001', type: 'test.Deposited.v1', data: { amount: 5, ref: 'r1' }, metadata: { causationId: 'x' } });
  });

  it('refuses to append two events of one decision under one id, which the store would silently drop', async () => {
    const store = new InMemoryEventStore();
    const two = () => accept<Ev>({ type: 'Deposited', data: { amount: 1, ref: 'a' } }, { type: 'Deposited', data: { amount: 2, ref: 'b' } });
    await expect(handler(store).handle('acc-1', two, { eventId: () => '6f1c5b8e-0000-4000-8000-000000000009' })).rejects.toThrow(/share an id/);
    await expect(store.readStream('acc-1')).rejects.toThrow();
    await expect(handler(store).handle('acc-1', two, { eventId: (i) => `6f1c5b8e-0000-4000-8000-00000000001${i}` })).resolves.toMatchObject({ ok: true, revision: 1n });
  });

  it('returns a rejection as a value and appends nothing', async () => {
    const store = new InMemoryEventStore();
    expect(await handler(store).handle('acc-1', deposit(0, 'r1'))).toEqual({ ok: false, rejection: { code: 'INVALID_AMOUNT', detail: 'must be positive' } });
    await expect(store.readStream('acc-1')).rejects.toThrow();
  });

  it('decides again on what another process appended when its append conflicts', async () => {
    const store = new InMemoryEventStore();
    const a = handler(store);
    const b = handler(store);
    await a.handle('acc-1', deposit(1, 'r1'));
    await b.handle('acc-1', deposit(2, 'r2')); // a's cache is now one event behind
    const result = await a.handle('acc-1', deposit(2, 'r2')); // a repeat of b's deposit: seen after catching up
    expect(result).toMatchObject({ ok: true, events: [], state: { balance: 3, refs: ['r1', 'r2'] }, revision: 1n });
    expect(await a.handle('acc-1', deposit(4, 'r3'))).toMatchObject({ ok: true, state: { balance: 7 }, revision: 2n });
    expect((await store.readStream('acc-1')).length).toBe(3);
  });

  it('gives up after maxAttempts conflicts and forgets its cache', async () => {
    const store = new InMemoryEventStore();
    const a = handler(store, 1);
    await a.handle('acc-1', deposit(1, 'r1'));
    await handler(store).handle('acc-1', deposit(1, 'r2'));
    await expect(a.handle('acc-1', deposit(1, 'r3'))).rejects.toThrow(/expected/i);
    // The next command reloads from the store and succeeds.
    expect(await a.handle('acc-1', deposit(1, 'r3'))).toMatchObject({ ok: true, state: { balance: 3 }, revision: 2n });
  });

  it('tries exactly maxAttempts appends against a stream that keeps moving, then gives up', async () => {
    const store = new InMemoryEventStore();
    const other = handler(store);
    let appends = 0;
    const counting = { ...store, appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
      appends++;
      await other.handle('acc-1', deposit(1, `other-${appends}`)); // someone else writes in between, every time
      return store.appendToStream(...args);
    } } as EventStore;
    counting.readStream = store.readStream.bind(store);
    await other.handle('acc-1', deposit(1, 'first'));
    await expect(handler(counting, 3).handle('acc-1', deposit(1, 'mine'))).rejects.toThrow(/expected/i);
    expect(appends).toBe(3);
  });

  it('after a write fails for another reason (outcome unknown), the next load shows whatever did land', async () => {
    const store = new InMemoryEventStore();
    const a = handler(store);
    await a.handle('acc-1', deposit(1, 'r1'));
    const failing = { appendToStream: async () => Promise.reject(new Error('disk full')), readStream: store.readStream.bind(store) } as unknown as EventStore;
    const b = new CommandHandler<Ev, St>({ ...(a as any).options, store: failing });
    await b.load('acc-1'); // cached at revision 0
    await expect(b.handle('acc-1', deposit(1, 'r2'))).rejects.toThrow('disk full');
    // Meanwhile the write did land (say the failure came after the commit): the next load reads it from the store.
    await store.appendToStream('acc-1', [{ id: '6f1c5b8e-0000-4000-8000-0000000000cc', ...codec.encode({ type: 'Deposited', data: { amount: 1, ref: 'r2' } }) }]);
    expect((await b.load('acc-1')).state).toEqual({ balance: 2, refs: ['r1', 'r2'] });
  });

  it('serialises commands on one stream in one process, so they never conflict with each other', async () => {
    const store = new InMemoryEventStore();
    const a = handler(store, 1);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => a.handle('acc-1', deposit(1, `r${i}`))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await a.load('acc-1')).state.balance).toBe(20);
  });

  it('treats a repeated command with the same derived ids as a no-op, even after a cache loss', async () => {
    const store = new InMemoryEventStore();
    const id = () => '6f1c5b8e-0000-4000-8000-0000000000aa';
    const a = handler(store);
    await a.handle('acc-1', () => accept<Ev>({ type: 'Deposited', data: { amount: 1, ref: 'r1' } }), { eventId: id });
    const b = handler(store);
    await b.handle('acc-1', deposit(1, 'r2'));
    // a still believes revision 0; it decides the same event again with the same id: the store keeps one.
    a.forget();
    await a.handle('acc-1', () => accept<Ev>({ type: 'Deposited', data: { amount: 1, ref: 'r1' } }), { eventId: id });
    expect((await store.readStream('acc-1')).map((e) => e.data)).toEqual([{ amount: 1, ref: 'r1' }, { amount: 1, ref: 'r2' }]);
  });

  it('load folds in events another process appended after the cached revision', async () => {
    const store = new InMemoryEventStore();
    const a = handler(store);
    await a.handle('acc-1', deposit(1, 'r1'));
    await handler(store).handle('acc-1', deposit(5, 'r2'));
    expect(await a.load('acc-1')).toEqual({ state: { balance: 6, refs: ['r1', 'r2'] }, revision: 1n });
    expect(await a.load('nope')).toEqual({ state: { balance: 0, refs: [] }, revision: -1n });
  });

  it('answers load({ atLeast }) from the cache when it holds that revision, without reading', async () => {
    const store = new InMemoryEventStore();
    const a = handler(store);
    await a.handle('acc-1', deposit(1, 'r1'));
    await handler(store).handle('acc-1', deposit(5, 'r2')); // another process; a's cache is at revision 0
    expect((await a.load('acc-1', { atLeast: 0n })).revision).toBe(0n);
    expect((await a.load('acc-1', { atLeast: 1n })).state.balance).toBe(6);
  });

  it('skips stored types its codec does not know, but counts their revision', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('acc-1', [{ id: '6f1c5b8e-0000-4000-8000-0000000000bb', type: 'test.Future.v9', data: {} }]);
    expect(await handler(store).handle('acc-1', deposit(2, 'r1'))).toMatchObject({ ok: true, state: { balance: 2 }, revision: 1n });
  });
});

describe('CommandHandler with snapshots (ADR 0028)', () => {
  const serializer: StateSerializer<St> = {
    version: 2,
    serialize: (s) => ({ balance: s.balance, refs: [...s.refs] }),
    deserialize: (data) => {
      const d = data as St;
      if (typeof d.balance !== 'number' || !Array.isArray(d.refs)) throw new TypeError('not a snapshot of St');
      return { balance: d.balance, refs: [...d.refs] };
    },
  };
  const errors: string[] = [];
  beforeEach(() => errors.splice(0));
  const snapshotting = (store: EventStore, snapshots: SnapshotStore, every: number, extra: Partial<SnapshotOptions<St, Ev>> = {}, readPageSize?: number) =>
    new CommandHandler<Ev, St>({
      ...(handler(store) as any).options,
      store,
      readPageSize,
      snapshots: { store: snapshots, serializer, every, onError: (error: unknown) => errors.push(String(error)), ...extra },
    });
  const deposits = async (h: CommandHandler<Ev, St>, from: number, to: number) => {
    for (let i = from; i < to; i++) await h.handle('acc-1', deposit(1, `r${i}`));
  };
  /** The store as it is, counting what each read returns: a cold load's cost is the events it reads. */
  const counting = (store: EventStore) => {
    const reads: Array<{ from: ReadStreamOptions['fromRevision']; maxCount?: number; returned: number }> = [];
    const wrapped = Object.create(store) as EventStore;
    wrapped.readStream = async (stream, options = {}) => {
      const events = await store.readStream(stream, options);
      reads.push({ from: options.fromRevision, maxCount: options.maxCount, returned: events.length });
      return events;
    };
    return { store: wrapped, reads, eventsRead: () => reads.reduce((sum, r) => sum + r.returned, 0) };
  };
  const idAt = async (store: EventStore, revision: bigint) => (await store.readStream('acc-1', { fromRevision: revision, maxCount: 1 }))[0].id;

  it('writes a snapshot every N events, on a later turn than the command that reached it, naming the last event', async () => {
    const store = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore();
    const h = snapshotting(store, snapshots, 3);
    await deposits(h, 0, 2);
    await h.snapshotsWritten();
    expect(await snapshots.get('acc-1')).toBeUndefined();
    await deposits(h, 2, 3);
    expect(await snapshots.get('acc-1')).toBeUndefined(); // the command was answered first
    await h.snapshotsWritten();
    expect(await snapshots.get('acc-1')).toEqual({ revision: 2n, eventId: await idAt(store, 2n), schemaVersion: 2, state: JSON.stringify({ balance: 3, refs: ['r0', 'r1', 'r2'] }) });
    await deposits(h, 3, 5);
    await h.snapshotsWritten();
    expect((await snapshots.get('acc-1'))?.revision).toBe(2n); // the next one three events later
    await deposits(h, 5, 6);
    await h.snapshotsWritten();
    expect((await snapshots.get('acc-1'))?.revision).toBe(5n);
  });

  it('never holds up a command: commands go on while a snapshot is being saved', async () => {
    const store = new InMemoryEventStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const inner = new InMemorySnapshotStore();
    const slow: SnapshotStore = { get: (s) => inner.get(s), delete: (s) => inner.delete(s), save: async (s, snapshot) => gate.then(() => inner.save(s, snapshot)) };
    const h = snapshotting(store, slow, 2);
    await deposits(h, 0, 2);
    await new Promise((resolve) => setImmediate(resolve)); // the snapshot of revision 1 is being saved
    await deposits(h, 2, 10);
    expect((await h.load('acc-1')).state.balance).toBe(10);
    expect(await inner.get('acc-1')).toBeUndefined();
    release();
    await h.snapshotsWritten();
    expect((await inner.get('acc-1'))?.revision).toBe(1n);
  });

  it('never snapshots a decision whose append failed', async () => {
    const store = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore();
    await deposits(handler(store), 0, 1);
    const failing = Object.create(store) as EventStore;
    failing.appendToStream = async () => Promise.reject(new Error('disk full'));
    const h = snapshotting(failing, snapshots, 1);
    await h.load('acc-1');
    await h.snapshotsWritten();
    expect(await snapshots.get('acc-1')).toMatchObject({ revision: 0n });
    await snapshots.delete('acc-1');
    await expect(h.handle('acc-1', deposit(5, 'lost'))).rejects.toThrow('disk full');
    await h.snapshotsWritten();
    expect(await snapshots.get('acc-1')).toBeUndefined();
    // Once the stream really moves on, the next snapshot holds what was committed, and only that.
    await deposits(handler(store), 1, 2);
    await h.load('acc-1');
    await h.snapshotsWritten();
    expect(await snapshots.get('acc-1')).toMatchObject({ revision: 1n, state: JSON.stringify({ balance: 2, refs: ['r0', 'r1'] }) });
  });

  it('a cold handler with a snapshot reads only the tail: from the snapshot’s last event on', async () => {
    const store = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore();
    const warm = snapshotting(store, snapshots, 7);
    await deposits(warm, 0, 7);
    await warm.snapshotsWritten();
    expect((await snapshots.get('acc-1'))?.revision).toBe(6n);
    await deposits(handler(store), 7, 10); // another process, after the snapshot

    const reading = counting(store);
    const cold = snapshotting(reading.store, snapshots, 7);
    expect(await cold.load('acc-1')).toEqual({ state: { balance: 10, refs: Array.from({ length: 10 }, (_, i) => `r${i}`) }, revision: 9n });
    expect(reading.reads.map((r) => r.from)).toEqual([6n]);
    expect(reading.eventsRead()).toBe(4); // revision 6 (which vouches for the snapshot) and the three after it
    // Without the snapshot the same load reads all ten.
    const replaying = counting(store);
    await handler(replaying.store).load('acc-1');
    expect(replaying.eventsRead()).toBe(10);
    // And the cold handler decides on that state.
    expect(await cold.handle('acc-1', deposit(1, 'r3'))).toMatchObject({ ok: true, events: [], revision: 9n });
  });

  it('reads a long tail page by page, and so a long stream without a snapshot', async () => {
    const store = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore();
    const warm = snapshotting(store, snapshots, 2);
    await deposits(warm, 0, 2);
    await warm.snapshotsWritten();
    await deposits(handler(store), 2, 12); // appended by another process: no snapshot after revision 1
    const reading = counting(store);
    expect((await snapshotting(reading.store, snapshots, 1_000, {}, 4).load('acc-1')).state.balance).toBe(12);
    expect(reading.reads.map((r) => [r.from, r.maxCount, r.returned])).toEqual([
      [1n, 4, 4],
      [5n, 4, 4],
      [9n, 4, 3],
    ]);
    const replaying = counting(store);
    expect((await snapshotting(replaying.store, new InMemorySnapshotStore(), 1_000, {}, 5).load('acc-1')).revision).toBe(11n);
    expect(replaying.reads.map((r) => r.returned)).toEqual([5, 5, 2]);
  });

  it('ignores (and deletes) a snapshot ahead of the stream — the event store restored from an older backup', async () => {
    const store = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore();
    await deposits(handler(store), 0, 3);
    await snapshots.save('acc-1', { revision: 20n, eventId: '6f1c5b8e-0000-4000-8000-000000000020', schemaVersion: 2, state: JSON.stringify({ balance: 999, refs: [] }) });
    const h = snapshotting(store, snapshots, 100);
    expect((await h.load('acc-1')).state).toEqual({ balance: 3, refs: ['r0', 'r1', 'r2'] });
    await h.snapshotsWritten();
    expect(await snapshots.get('acc-1')).toBeUndefined();
    expect(errors).toEqual([expect.stringMatching(/revision 20 does not match the stream/)]);
  });

  it('ignores a snapshot of another history: the stream restored, then written differently up to and past its revision', async () => {
    const original = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore();
    const before = snapshotting(original, snapshots, 6);
    await deposits(before, 0, 6);
    await before.snapshotsWritten();
    expect((await snapshots.get('acc-1'))?.revision).toBe(5n);
    // The restored store holds the first three events; other deposits took revisions 3 to 7 since.
    const restored = new InMemoryEventStore();
    for (const e of await original.readStream('acc-1', { maxCount: 3 })) await restored.appendToStream('acc-1', { id: e.id, type: e.type, data: e.data });
    for (let i = 0; i < 5; i++) await handler(restored).handle('acc-1', deposit(10, `other${i}`));
    const after = snapshotting(restored, snapshots, 100);
    expect((await after.load('acc-1')).state).toEqual({ balance: 53, refs: ['r0', 'r1', 'r2', 'other0', 'other1', 'other2', 'other3', 'other4'] });
    expect(errors).toEqual([expect.stringMatching(/revision 5 does not match/)]);
  });

  it('ignores a snapshot of another schema version (replays instead) and replaces it with one of its own', async () => {
    const store = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore();
    await deposits(handler(store), 0, 5);
    const stale: Snapshot = { revision: 4n, eventId: await idAt(store, 4n), schemaVersion: 1, state: JSON.stringify({ balance: 999, refs: [] }) };
    await snapshots.save('acc-1', stale);
    const reading = counting(store);
    const h = snapshotting(reading.store, snapshots, 3);
    expect((await h.load('acc-1')).state.balance).toBe(5);
    expect(reading.eventsRead()).toBe(5);
    await h.snapshotsWritten();
    expect(await snapshots.get('acc-1')).toEqual({ ...stale, schemaVersion: 2, state: JSON.stringify({ balance: 5, refs: ['r0', 'r1', 'r2', 'r3', 'r4'] }) });
  });

  it('ignores a snapshot it cannot read, and one whose store fails, replaying instead', async () => {
    const store = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore();
    await deposits(handler(store), 0, 2);
    await snapshots.save('acc-1', { revision: 1n, eventId: await idAt(store, 1n), schemaVersion: 2, state: JSON.stringify({ balance: 'garbled' }) });
    expect((await snapshotting(store, snapshots, 100).load('acc-1')).state.balance).toBe(2);
    const broken: SnapshotStore = { get: async () => Promise.reject(new Error('disk I/O error')), save: async () => undefined, delete: async () => undefined };
    expect((await snapshotting(store, broken, 100).load('acc-1')).state.balance).toBe(2);
    expect(errors).toEqual([expect.stringMatching(/not a snapshot of St/), expect.stringMatching(/disk I\/O error/)]);
  });

  it('never snapshots a state that skipped an event type this version does not know', async () => {
    const store = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore();
    await store.appendToStream('acc-1', [{ id: '6f1c5b8e-0000-4000-8000-0000000000bb', type: 'test.Future.v9', data: {} }]);
    const h = snapshotting(store, snapshots, 1);
    await deposits(h, 0, 3);
    await h.snapshotsWritten();
    expect(await snapshots.get('acc-1')).toBeUndefined();
    // A stream without such events is snapshotted by the same handler.
    await h.handle('acc-2', deposit(1, 'x'));
    await h.snapshotsWritten();
    expect(await snapshots.get('acc-2')).toBeDefined();
  });

  it('counts events by weight toward the interval when told how (a batch of a thousand weighs more than a deposit)', async () => {
    const store = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore();
    const h = snapshotting(store, snapshots, 10, { weightOf: (e) => e.data.amount });
    await h.handle('acc-1', deposit(4, 'r0'));
    await h.handle('acc-1', deposit(5, 'r1'));
    await h.snapshotsWritten();
    expect(await snapshots.get('acc-1')).toBeUndefined(); // 9 < 10, after two events
    await h.handle('acc-1', deposit(1, 'r2'));
    await h.snapshotsWritten();
    expect((await snapshots.get('acc-1'))?.revision).toBe(2n);
    // A cold load weighs the tail it folds: 7 after the snapshot, then 3 more reach the interval.
    await handler(store).handle('acc-1', deposit(7, 'r3'));
    const cold = snapshotting(store, snapshots, 10, { weightOf: (e) => e.data.amount });
    await cold.load('acc-1');
    await cold.snapshotsWritten();
    expect((await snapshots.get('acc-1'))?.revision).toBe(2n);
    await cold.handle('acc-1', deposit(3, 'r4'));
    await cold.snapshotsWritten();
    expect((await snapshots.get('acc-1'))?.revision).toBe(4n);
  });

  it('tries a snapshot that failed again an interval later, not on every command', async () => {
    const store = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore();
    let attempts = 0;
    const failing: StateSerializer<St> = { ...serializer, serialize: () => { attempts++; throw new Error('key destroyed'); } };
    const h = new CommandHandler<Ev, St>({ ...(handler(store) as any).options, snapshots: { store: snapshots, serializer: failing, every: 2, onError: (e: unknown) => errors.push(String(e)) } });
    for (let i = 0; i < 6; i++) {
      await h.handle('acc-1', deposit(1, `r${i}`));
      await h.snapshotsWritten();
    }
    expect(attempts).toBe(3);
    expect(errors).toEqual(Array(3).fill(expect.stringMatching(/key destroyed/)));
    expect(await snapshots.get('acc-1')).toBeUndefined();
  });
});

