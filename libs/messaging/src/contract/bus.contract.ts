/**
 * The one behavioural contract of MessageBus, run against every adapter (in-process, Kafka). Each test uses its own
 * topic and unique group ids, so a shared Kafka cluster serves the whole file; event ids carry a per-run prefix.
 */
import { context, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { randomUUID } from 'node:crypto';
import type { AbortableSubscription, DeliveryContext, IntegrationEvent, MessageBus } from '../bus.port';
import type { BusLogger } from '../logger';

export const BUS_CONTRACT_TOPICS = {
  roundTrip: 'contract.round-trip',
  order: 'contract.order',
  fanOut: 'contract.fan-out',
  members: 'contract.members',
  retry: 'contract.retry',
  deadLetter: 'contract.dead-letter',
  redelivery: 'contract.redelivery',
  trace: 'contract.trace',
} as const;

/** Every topic the contract uses, dead-letter twins included (pre-create them for Kafka). */
export function busContractTopics(): string[] {
  const topics = Object.values(BUS_CONTRACT_TOPICS);
  return [...topics, ...topics.map((t) => `${t}.dlt`)];
}

export const silentBusLogger: BusLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface BusContractOptions {
  /** Upper bound for each eventual condition; Kafka group joins take seconds. Default 5000. */
  eventuallyMs?: number;
  /** Per-test timeout. Default 30000. */
  testTimeoutMs?: number;
}

interface Received {
  event: IntegrationEvent;
  context: DeliveryContext;
}

async function eventually(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export function describeBusContract(name: string, factory: () => MessageBus | Promise<MessageBus>, options: BusContractOptions = {}): void {
  const within = options.eventuallyMs ?? 5000;
  const timeout = options.testTimeoutMs ?? 30_000;

  describe(`MessageBus contract: ${name}`, () => {
    let bus: MessageBus;
    let run: string;
    let seq = 0;
    const cleanups: Array<() => void> = [];
    let tracing: NodeTracerProvider;

    const group = (label: string) => `${run}-${label}`;
    const makeEvent = (key: string, data: unknown, extra: Partial<IntegrationEvent> = {}): IntegrationEvent => ({
      id: `${run}-${++seq}`,
      type: 'contract.test-event.v1',
      source: '/contract/tests',
      time: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, seq % 1000)).toISOString(),
      key,
      data,
      ...extra,
    });
    const ours = (event: IntegrationEvent) => event.id.startsWith(`${run}-`);

    beforeAll(() => {
      // A registered SDK gives the global W3C propagator and async context manager the trace test relies on.
      tracing = new NodeTracerProvider();
      tracing.register();
    });

    afterAll(async () => {
      trace.disable();
      context.disable();
      await tracing.shutdown();
    });

    beforeEach(async () => {
      run = randomUUID().slice(0, 8);
      bus = await factory();
    });

    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) cleanup();
      await bus.close();
    });

    it(
      'delivers a published event with every CloudEvents attribute intact',
      async () => {
        const received: Received[] = [];
        await bus.subscribe({
          groupId: group('round-trip'),
          topics: [BUS_CONTRACT_TOPICS.roundTrip],
          handler: async (event, ctx) => {
            if (ours(event)) received.push({ event, context: ctx });
          },
        });
        const published = makeEvent(
          'acc-1',
          { text: 'héllo 验证码 🙂', count: 42, amountMinor: 12_3400, flag: true, nothing: null, nested: { list: [1, 'two'] } },
          { subject: 'msg-1', extensions: { partnerref: 'p-1', region: 'eu' } },
        );
        await bus.publish(BUS_CONTRACT_TOPICS.roundTrip, [published]);
        await eventually(() => received.length === 1, within, 'the event arrives');
        expect(received[0].event).toEqual(published);
        expect(received[0].context).toEqual({ topic: BUS_CONTRACT_TOPICS.roundTrip, partition: expect.any(Number), offset: expect.stringMatching(/^\d+$/), attempt: 1 });
      },
      timeout,
    );

    it(
      'keeps publish order per key across many keys',
      async () => {
        const keys = Array.from({ length: 20 }, (_, i) => `key-${i}`);
        const perKey = 25;
        const seen = new Map<string, number[]>();
        let count = 0;
        await bus.subscribe({
          groupId: group('order'),
          topics: [BUS_CONTRACT_TOPICS.order],
          handler: async (event) => {
            if (!ours(event)) return;
            const { n } = event.data as { n: number };
            // Uneven handler latency would expose any reordering within a partition.
            if (n % 3 === 0) await new Promise((resolve) => setImmediate(resolve));
            seen.set(event.key, [...(seen.get(event.key) ?? []), n]);
            count++;
          },
        });
        for (let round = 0; round < 5; round++) {
          const batch: IntegrationEvent[] = [];
          for (let n = round * 5; n < round * 5 + 5; n++) for (const key of keys) batch.push(makeEvent(key, { n }));
          await bus.publish(BUS_CONTRACT_TOPICS.order, batch);
        }
        await eventually(() => count >= keys.length * perKey, within, 'every event arrives');
        const expected = Array.from({ length: perKey }, (_, n) => n);
        for (const key of keys) expect({ key, order: seen.get(key) }).toEqual({ key, order: expected });
        expect(count).toBe(keys.length * perKey);
      },
      timeout,
    );

    it(
      'gives every group every event',
      async () => {
        const byGroup = { billing: new Set<string>(), dispatch: new Set<string>() };
        await Promise.all(
          (Object.keys(byGroup) as Array<keyof typeof byGroup>).map((label) =>
            bus.subscribe({
              groupId: group(label),
              topics: [BUS_CONTRACT_TOPICS.fanOut],
              handler: async (event) => {
                if (ours(event)) byGroup[label].add(event.id);
              },
            }),
          ),
        );
        const events = Array.from({ length: 30 }, (_, i) => makeEvent(`acc-${i % 7}`, { i }));
        await bus.publish(BUS_CONTRACT_TOPICS.fanOut, events);
        await eventually(() => byGroup.billing.size === 30 && byGroup.dispatch.size === 30, within, 'both groups have all 30');
        const ids = events.map((e) => e.id).sort();
        expect([...byGroup.billing].sort()).toEqual(ids);
        expect([...byGroup.dispatch].sort()).toEqual(ids);
      },
      timeout,
    );

    it(
      'splits partitions between two members of one group without duplicates',
      async () => {
        const members = { a: [] as string[], b: [] as string[] };
        const subscribe = (label: keyof typeof members) =>
          bus.subscribe({
            groupId: group('members'),
            topics: [BUS_CONTRACT_TOPICS.members],
            handler: async (event) => {
              if (ours(event)) members[label].push(event.id);
            },
          });
        await subscribe('a');
        await subscribe('b');
        const events = Array.from({ length: 200 }, (_, i) => makeEvent(`acc-${i % 50}`, { i }));
        await bus.publish(BUS_CONTRACT_TOPICS.members, events);
        await eventually(() => new Set([...members.a, ...members.b]).size === 200, within, 'the group has handled all 200');
        expect(members.a.length).toBeGreaterThan(0);
        expect(members.b.length).toBeGreaterThan(0);
        expect(members.a.filter((id) => members.b.includes(id))).toEqual([]);
        expect(members.a.length + members.b.length).toBe(200);
      },
      timeout,
    );

    it(
      'retries a failing handler with increasing attempt numbers until it succeeds',
      async () => {
        const attempts: number[] = [];
        let handled = 0;
        await bus.subscribe({
          groupId: group('retry'),
          topics: [BUS_CONTRACT_TOPICS.retry],
          maxRetries: 3,
          retryBackoffMs: 10,
          handler: async (event, ctx) => {
            if (!ours(event)) return;
            attempts.push(ctx.attempt);
            if (ctx.attempt < 3) throw new Error(`transient failure ${ctx.attempt}`);
            handled++;
          },
        });
        await bus.publish(BUS_CONTRACT_TOPICS.retry, [makeEvent('acc-1', { i: 1 })]);
        await eventually(() => handled === 1, within, 'the third attempt succeeds');
        expect(attempts).toEqual([1, 2, 3]);
      },
      timeout,
    );

    it(
      'dead-letters an event that always fails, with its attributes and the failure, and keeps consuming',
      async () => {
        const topic = BUS_CONTRACT_TOPICS.deadLetter;
        const handled: string[] = [];
        const poisonAttempts: number[] = [];
        const deadLetters: IntegrationEvent[] = [];
        await Promise.all([
          bus.subscribe({
            groupId: group('worker'),
            topics: [topic],
            maxRetries: 1,
            retryBackoffMs: 10,
            handler: async (event, ctx) => {
              if (!ours(event)) return;
              if ((event.data as { poison?: boolean }).poison) {
                poisonAttempts.push(ctx.attempt);
                throw new Error('boom: cannot handle this');
              }
              handled.push(event.id);
            },
          }),
          bus.subscribe({
            groupId: group('dlt-observer'),
            topics: [`${topic}.dlt`],
            handler: async (event) => {
              if (ours(event)) deadLetters.push(event);
            },
          }),
        ]);
        const poison = makeEvent('acc-1', { poison: true }, { subject: 'bad', extensions: { partnerref: 'p-7' } });
        const sameKeyAfter = makeEvent('acc-1', { i: 1 });
        const otherKey = makeEvent('acc-2', { i: 2 });
        await bus.publish(topic, [poison, sameKeyAfter, otherKey]);
        await eventually(() => handled.length === 2 && deadLetters.length === 1, within, 'two events handled and one dead-lettered');
        expect(handled.sort()).toEqual([sameKeyAfter.id, otherKey.id].sort());
        expect(poisonAttempts).toEqual([1, 2]);
        const { extensions, ...attributes } = deadLetters[0];
        const { extensions: originalExtensions, ...originalAttributes } = poison;
        expect(attributes).toEqual(originalAttributes);
        expect(extensions).toEqual(
          expect.objectContaining({
            ...originalExtensions,
            dlterror: expect.stringContaining('boom: cannot handle this'),
            dltattempts: '2',
            dlttopic: topic,
            dltgroup: group('worker'),
          }),
        );
      },
      timeout,
    );

    it(
      'redelivers an event whose member crashed before committing it, resuming from the last commit',
      async () => {
        const topic = BUS_CONTRACT_TOPICS.redelivery;
        const first: string[] = [];
        const second: Received[] = [];
        const gate = deferred();
        cleanups.push(gate.resolve);
        const committed = makeEvent('acc-1', { step: 'handled before the crash' });
        const inFlight = makeEvent('acc-1', { step: 'in flight at the crash' });

        const crashing = (await bus.subscribe({
          groupId: group('redelivery'),
          topics: [topic],
          handler: async (event) => {
            if (!ours(event)) return;
            first.push(event.id);
            if (event.id === inFlight.id) await gate.promise; // never finishes before the crash
          },
        })) as AbortableSubscription;
        expect(typeof crashing.abort).toBe('function');

        await bus.publish(topic, [committed]);
        await eventually(() => first.includes(committed.id), within, 'the first event is handled');
        // In-process, publish waits for the handler, which is blocked until the crash is over.
        const publishing = bus.publish(topic, [inFlight]);
        publishing.catch(() => undefined);
        await eventually(() => first.includes(inFlight.id), within, 'the second event is in flight');

        await crashing.abort();
        await bus.subscribe({
          groupId: group('redelivery'),
          topics: [topic],
          handler: async (event, ctx) => {
            if (ours(event)) second.push({ event, context: ctx });
          },
        });
        await eventually(() => second.length >= 1, within, 'the in-flight event is redelivered');
        await publishing;
        expect(second.map((r) => r.event.id)).toEqual([inFlight.id]);
        expect(second[0].event).toEqual(inFlight);
        expect(second[0].context.attempt).toBe(1);
      },
      timeout,
    );

    it(
      'propagates trace context from the publisher to the handler',
      async () => {
        const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
        const spanId = '00f067aa0ba902b7';
        const ownTraceId = '0af7651916cd43dd8448eb211c80319c';
        const seen = new Map<string, { traceId?: string; traceparent?: string }>();
        await bus.subscribe({
          groupId: group('trace'),
          topics: [BUS_CONTRACT_TOPICS.trace],
          handler: async (event) => {
            if (!ours(event)) return;
            seen.set(event.id, { traceId: trace.getSpanContext(context.active())?.traceId, traceparent: event.extensions?.traceparent });
          },
        });
        const underSpan = makeEvent('acc-1', { i: 1 });
        // An event that carries its own trace context (an outbox copies it from the command) keeps it.
        const carriesOwn = makeEvent('acc-1', { i: 2 }, { extensions: { traceparent: `00-${ownTraceId}-b7ad6b7169203331-01` } });
        const active = trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags: TraceFlags.SAMPLED });
        await context.with(active, () => bus.publish(BUS_CONTRACT_TOPICS.trace, [underSpan, carriesOwn]));
        await eventually(() => seen.size === 2, within, 'both events arrive');
        expect(seen.get(underSpan.id)).toEqual({ traceId, traceparent: `00-${traceId}-${spanId}-01` });
        expect(seen.get(carriesOwn.id)).toEqual({ traceId: ownTraceId, traceparent: `00-${ownTraceId}-b7ad6b7169203331-01` });
      },
      timeout,
    );
  });
}
