import type { DeliveryContext, IntegrationEvent } from '../bus.port';
import { InvalidEventError } from '../cloudevents';
import { silentBusLogger } from '../contract/bus.contract';
import { BusClosedError, ConsumerGroupClosedError } from '../errors';
import { InProcessBus } from './in-process-bus';

let seq = 0;
const event = (key: string, data: unknown = { n: seq }): IntegrationEvent => ({
  id: `e-${++seq}`,
  type: 'test.event.v1',
  source: '/test',
  time: '2025-01-02T03:04:05.000Z',
  key,
  data,
});

function gate() {
  let open = () => undefined as void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

/** Settles a promise into a value we can inspect without awaiting it forever. */
function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; error?: unknown } = { settled: false };
  promise.then(
    () => (state.settled = true),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

describe('InProcessBus', () => {
  let bus: InProcessBus;

  beforeEach(() => {
    bus = new InProcessBus({ logger: silentBusLogger });
  });

  afterEach(async () => {
    await bus.close();
  });

  it('resolves publish only after every subscribed group has handled the events', async () => {
    const slow = gate();
    const handled: string[] = [];
    await bus.subscribe({ groupId: 'fast', topics: ['t'], handler: async (e) => void handled.push(`fast:${e.id}`) });
    await bus.subscribe({
      groupId: 'slow',
      topics: ['t'],
      handler: async (e) => {
        await slow.promise;
        handled.push(`slow:${e.id}`);
      },
    });
    const e = event('k');
    const publishing = track(bus.publish('t', [e]));
    await until(() => handled.includes(`fast:${e.id}`));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(publishing.settled).toBe(false);
    slow.open();
    await until(() => publishing.settled);
    expect(publishing.error).toBeUndefined();
    expect(handled).toContain(`slow:${e.id}`);
  });

  it('resolves at once when nobody subscribes to the topic, but still refuses an event Kafka would refuse', async () => {
    await expect(bus.publish('nobody', [event('k')])).resolves.toBeUndefined();
    await expect(bus.publish('nobody', [event('k'), event('k', { amountMinor: 5n })])).rejects.toBeInstanceOf(InvalidEventError);
    await expect(bus.publish('nobody', [{ ...event('k'), time: 'yesterday' }])).rejects.toBeInstanceOf(InvalidEventError);
  });

  it('gives a group that subscribes late only the events published after it subscribed', async () => {
    const early = event('k');
    await bus.publish('t', [early]);
    const seen: string[] = [];
    await bus.subscribe({ groupId: 'late', topics: ['t'], handler: async (e) => void seen.push(e.id) });
    const later = event('k');
    await bus.publish('t', [later]);
    expect(seen).toEqual([later.id]);
  });

  it('handles partitions in parallel but one partition strictly one event at a time', async () => {
    const blocked = gate();
    const handled: DeliveryContext[] = [];
    let blockedPartition = -1;
    let inFlightOnBlocked = 0;
    await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      handler: async (e, ctx) => {
        if (e.key === 'stuck') {
          blockedPartition = ctx.partition;
          await blocked.promise;
          return;
        }
        if (ctx.partition === blockedPartition) inFlightOnBlocked++;
        handled.push(ctx);
      },
    });
    const publishing = bus.publish('t', [event('stuck'), ...Array.from({ length: 40 }, (_, i) => event(`key-${i}`))]);
    // Keys on other partitions get through while one partition waits.
    await until(() => blockedPartition >= 0 && handled.length >= 10);
    expect(inFlightOnBlocked).toBe(0);
    expect(handled.every((c) => c.partition !== blockedPartition)).toBe(true);
    blocked.open();
    await publishing;
    expect(handled).toHaveLength(40);
  });

  it('rejects the publish when the last member of a group leaves with events still queued', async () => {
    const first = gate();
    const seen: string[] = [];
    const sub = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      handler: async (e) => {
        seen.push(e.id);
        await first.promise;
      },
    });
    const [a, b] = [event('k'), event('k')];
    const publishing = bus.publish('t', [a, b]);
    await until(() => seen.length === 1);
    const closing = sub.close();
    first.open(); // the running call finishes; b is never started
    await closing;
    await expect(publishing).rejects.toBeInstanceOf(ConsumerGroupClosedError);
    expect(seen).toEqual([a.id]);
  });

  it('stops retrying when closed instead of sitting out the backoff', async () => {
    const attempts: number[] = [];
    const sub = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      maxRetries: 5,
      retryBackoffMs: 60_000,
      handler: async (_e, ctx) => {
        attempts.push(ctx.attempt);
        throw new Error('down');
      },
    });
    const publishing = bus.publish('t', [event('k')]);
    await until(() => attempts.length === 1);
    await sub.close();
    await expect(publishing).rejects.toBeInstanceOf(ConsumerGroupClosedError);
    expect(attempts).toEqual([1]);
  });

  it('hands the partitions of a leaving member to the remaining one', async () => {
    const byMember = { a: [] as string[], b: [] as string[] };
    const a = await bus.subscribe({ groupId: 'g', topics: ['t'], handler: async (e) => void byMember.a.push(e.id) });
    await bus.subscribe({ groupId: 'g', topics: ['t'], handler: async (e) => void byMember.b.push(e.id) });
    await a.close();
    const events = Array.from({ length: 30 }, (_, i) => event(`key-${i}`));
    await bus.publish('t', events);
    expect(byMember.a).toEqual([]);
    expect(byMember.b.sort()).toEqual(events.map((e) => e.id).sort());
  });

  it('keeps events for a group whose only member crashed until the bus closes', async () => {
    const sub = await bus.subscribe({ groupId: 'g', topics: ['t'], handler: async () => undefined });
    await sub.abort();
    const publishing = bus.publish('t', [event('k')]);
    publishing.catch(() => undefined);
    await bus.close();
    await expect(publishing).rejects.toBeInstanceOf(BusClosedError);
  });

  it('refuses a batch with an invalid event and delivers none of it', async () => {
    const seen: string[] = [];
    await bus.subscribe({ groupId: 'g', topics: ['t'], handler: async (e) => void seen.push(e.id) });
    await expect(bus.publish('t', [event('k'), event('k', { amountMinor: 5n })])).rejects.toBeInstanceOf(InvalidEventError);
    expect(seen).toEqual([]);
  });

  it('delivers data as JSON, exactly as the Kafka adapter would', async () => {
    let data: unknown;
    await bus.subscribe({ groupId: 'g', topics: ['t'], handler: async (e) => void (data = e.data) });
    await bus.publish('t', [event('k', { at: new Date('2025-01-02T03:04:05.000Z'), gone: undefined })]);
    expect(data).toEqual({ at: '2025-01-02T03:04:05.000Z' });
  });

  it('dead-letters to a custom topic and resolves even when nobody reads it', async () => {
    const dead: IntegrationEvent[] = [];
    await bus.subscribe({ groupId: 'g', topics: ['t'], maxRetries: 0, deadLetterTopic: (t) => `${t}.parked`, handler: async () => Promise.reject(new Error('no')) });
    await bus.publish('t', [event('k')]);
    await bus.subscribe({ groupId: 'watch', topics: ['t.parked'], handler: async (e) => void dead.push(e) });
    const e = event('k');
    await bus.publish('t', [e]);
    expect(dead.map((d) => [d.id, d.extensions?.dltattempts])).toEqual([[e.id, '1']]);
  });

  it('refuses publish and subscribe once closed', async () => {
    await bus.close();
    await expect(bus.publish('t', [event('k')])).rejects.toBeInstanceOf(BusClosedError);
    await expect(bus.subscribe({ groupId: 'g', topics: ['t'], handler: async () => undefined })).rejects.toBeInstanceOf(BusClosedError);
  });
});
