import { InMemoryEventStore, type EventStore } from '@sms/event-store';
import { eventCodec, jsonEventType } from './core/codec';
import { accept, reject } from './core/decider';
import { CommandHandler } from './handle-command';

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
