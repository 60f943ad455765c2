import { randomUUID } from 'node:crypto';
import { InMemoryCheckpointStore } from '../checkpoint/in-memory-checkpoint-store';
import type { AllSubscription, EventStore, SubscribeToAllOptions } from '../event-store.port';
import { InMemoryEventStore } from '../memory/in-memory-event-store';
import { runSubscription } from './run-subscription';

const event = (data: unknown = {}) => ({ id: randomUUID(), type: 'Counted', data });

/** Delegates to a real store; its first subscription breaks on the second read, like a dropped connection. */
function storeWithOneBrokenSubscription(inner: EventStore) {
  const opened: SubscribeToAllOptions[] = [];
  const store: EventStore = {
    appendToStream: (...args) => inner.appendToStream(...args),
    readStream: (...args) => inner.readStream(...args),
    close: () => inner.close(),
    subscribeToAll(options = {}) {
      opened.push(options);
      const real = inner.subscribeToAll(options);
      if (opened.length > 1) return real;
      let reads = 0;
      const broken: AllSubscription = {
        nextBatch: async (max) => {
          if (++reads === 2) throw new Error('connection reset');
          return real.nextBatch(max);
        },
        caughtUp: () => real.caughtUp(),
        unsubscribe: () => real.unsubscribe(),
        [Symbol.asyncIterator]: () => real[Symbol.asyncIterator](),
      };
      return broken;
    },
  };
  return { store, opened };
}

describe('runSubscription', () => {
  it('re-opens a failed subscription from the last checkpoint: nothing skipped, nothing twice', async () => {
    const inner = new InMemoryEventStore();
    const { store, opened } = storeWithOneBrokenSubscription(inner);
    const written = [event(), event(), event()];
    await inner.appendToStream('order-1', written);
    const handled: string[] = [];
    const stages: string[] = [];
    const running = runSubscription({
      store,
      checkpoints: new InMemoryCheckpointStore(),
      name: 'p',
      batchSize: 1,
      retry: { initialMs: 1, maxMs: 1 },
      onError: (_error, context) => stages.push(context.stage),
      handle: async (events) => void handled.push(...events.map((e) => e.id)),
    });
    await running.caughtUp();
    expect(handled).toEqual(written.map((e) => e.id));
    expect(stages).toEqual(['subscribe']);
    const [first] = await inner.readStream('order-1');
    expect(opened.map((o) => o.fromPosition)).toEqual(['start', first.position]);
    await running.stop();
    await inner.close();
  });

  it('by default reports a failure on stderr with the subscription and stage, never the events', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('order-1', event({ to: '+447911123456', body: 'secret text' }));
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    let failed = false;
    const running = runSubscription({
      store,
      checkpoints: new InMemoryCheckpointStore(),
      name: 'outbox:dispatch',
      retry: { initialMs: 1, maxMs: 1 },
      handle: async () => {
        if (!failed) {
          failed = true;
          throw new Error('bus unavailable');
        }
      },
    });
    await running.caughtUp();
    await running.stop();
    expect(errors).toHaveBeenCalledTimes(1);
    const line = String(errors.mock.calls[0][0]);
    expect(line).toContain('outbox:dispatch');
    expect(line).toContain('handle');
    expect(line).toContain('bus unavailable');
    expect(line).not.toContain('+447911123456');
    expect(line).not.toContain('secret text');
    errors.mockRestore();
    await store.close();
  });

  it('refuses a batchSize below 1', () => {
    const store = new InMemoryEventStore();
    expect(() =>
      runSubscription({ store, checkpoints: new InMemoryCheckpointStore(), name: 'x', batchSize: 0, handle: async () => undefined }),
    ).toThrow(RangeError);
  });
});
