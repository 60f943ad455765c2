import { Logger } from '@nestjs/common';
import { InMemoryCheckpointStore, InMemoryEventStore, type RecordedEvent, SubscriptionClosedError } from '@sms/event-store';
import type { IntegrationEvent, MessageBus } from '@sms/messaging';
import { randomUUID } from 'node:crypto';
import { integrationEvent, SubscriptionPipelines } from './outbox';

const append = (store: InMemoryEventStore, type: string) => store.appendToStream(`s-${randomUUID()}`, { id: randomUUID(), type, data: {} });

describe('SubscriptionPipelines', () => {
  let store: InMemoryEventStore;
  let checkpoints: InMemoryCheckpointStore;
  let pipelines: SubscriptionPipelines;

  beforeEach(() => {
    store = new InMemoryEventStore();
    checkpoints = new InMemoryCheckpointStore();
    pipelines = new SubscriptionPipelines('TestPipelines');
  });

  afterEach(async () => {
    await pipelines.stop();
    await store.close();
    jest.restoreAllMocks();
  });

  it('runs each pipeline under its own checkpoint and filter, and waits for all of them', async () => {
    const seen: Record<string, string[]> = { a: [], b: [] };
    for (const name of ['a', 'b'] as const) {
      pipelines.run({ store, checkpoints, name: `test.${name}`, filter: { eventTypePrefixes: [`${name}.`] }, handle: async (events) => void seen[name].push(...events.map((e) => e.type)) });
    }
    await append(store, 'a.one');
    await append(store, 'b.one');
    await append(store, 'a.two');

    await pipelines.caughtUp();
    expect(seen).toEqual({ a: ['a.one', 'a.two'], b: ['b.one'] });
    expect(await checkpoints.load('test.a')).toBe(3n);
    expect(await checkpoints.load('test.b')).toBe(2n);
  });

  it('stops every pipeline', async () => {
    const handle = async () => undefined;
    const a = pipelines.run({ store, checkpoints, name: 'test.a', handle });
    const b = pipelines.run({ store, checkpoints, name: 'test.b', handle });
    await append(store, 'x');
    await pipelines.caughtUp();
    await pipelines.stop();
    await expect(a.caughtUp()).rejects.toBeInstanceOf(SubscriptionClosedError);
    await expect(b.caughtUp()).rejects.toBeInstanceOf(SubscriptionClosedError);
    await expect(pipelines.caughtUp()).rejects.toBeInstanceOf(SubscriptionClosedError);
  });

  it('logs a failure under the label given (default: the checkpoint name), then retries', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    let failures = 1;
    const handle = async () => {
      if (failures-- > 0) throw new Error('disk full');
    };
    pipelines.run({ store, checkpoints, name: 'projection:test', handle, retry: { initialMs: 1 } });
    await append(store, 'x');
    await pipelines.caughtUp();
    failures = 1;
    pipelines.run({ store, checkpoints, name: 'projection:other', handle, retry: { initialMs: 1 } }, 'other projection');
    await pipelines.caughtUp();
    expect(errors.mock.calls.map(([message]) => message)).toEqual(['projection:test failed, retrying: disk full', 'other projection failed, retrying: disk full']);
    expect(await checkpoints.load('projection:test')).toBe(1n);
    expect(await checkpoints.load('projection:other')).toBe(1n);
  });

  it('starts outboxes that publish what was committed', async () => {
    const published: Array<[string, IntegrationEvent[]]> = [];
    const bus = { publish: async (topic: string, events: IntegrationEvent[]) => void published.push([topic, events]) } as unknown as MessageBus;
    const map = (recorded: RecordedEvent) => [{ topic: 'sms.test', event: integrationEvent(recorded, 'test.v1', '/test', 'k', {}) }];
    pipelines.outbox({ name: 'test', store, checkpoints, bus, filter: { eventTypePrefixes: ['x'] }, map });
    const { position } = await append(store, 'x');
    await pipelines.caughtUp();
    expect(published).toEqual([['sms.test', [expect.objectContaining({ type: 'test.v1', key: 'k' })]]]);
    expect(await checkpoints.load('outbox:test')).toBe(position);
  });
});
