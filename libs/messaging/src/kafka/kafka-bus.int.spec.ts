import { startKafkaMock, type KafkaMock } from '@sms/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { IntegrationEvent } from '../bus.port';
import { busContractTopics, describeBusContract, silentBusLogger } from '../contract/bus.contract';
import { KafkaBus } from './kafka-bus';

const POISON = 'kafka.poison';
const BATCHING = 'kafka.batching';

// One mock cluster for the whole file: each test has its own topics and groups.
let mock: KafkaMock;

beforeAll(async () => {
  mock = await startKafkaMock({ brokers: 3, partitions: 4, topics: [...busContractTopics(), POISON, `${POISON}.dlt`, BATCHING, `${BATCHING}.dlt`] });
}, 120_000);

afterAll(async () => {
  await mock?.stop();
});

const newBus = (compression: 'gzip' | 'none' = 'none') =>
  new KafkaBus({ brokers: mock.brokers, clientId: 'bus-test', compression, logLevel: 'error', logger: silentBusLogger });

describeBusContract('kafka', () => newBus(), { eventuallyMs: 20_000, testTimeoutMs: 45_000 });

async function eventually(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const makeEvent = (id: string, key: string, data: unknown): IntegrationEvent => ({
  id,
  type: 'kafka.test-event.v1',
  source: '/kafka/tests',
  time: '2025-01-02T03:04:05.000Z',
  key,
  data,
});

describe('KafkaBus specifics', () => {
  it('parks a record that is not a CloudEvent in the dead-letter topic untouched and keeps the partition moving', async () => {
    const run = randomUUID().slice(0, 8);
    const bus = newBus();
    const kafka = new Kafka({ clientId: 'raw', brokers: mock.brokers, logLevel: logLevel.NOTHING });
    const raw = kafka.producer();
    const observer = kafka.consumer({ groupId: `${run}-dlt-raw`, sessionTimeout: 6000, heartbeatInterval: 1000, maxWaitTimeInMs: 100 });
    try {
      const handled: string[] = [];
      // The DLT copy of a malformed record is malformed too, so it is read with a plain consumer.
      const parked: Array<{ value: string; headers: Record<string, string> }> = [];
      const observe = async () => {
        await observer.connect();
        await observer.subscribe({ topic: `${POISON}.dlt`, fromBeginning: true });
        await observer.run({
          eachMessage: async ({ message }) => {
            const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
            if (headers.marker === run) parked.push({ value: String(message.value), headers });
          },
        });
      };
      await Promise.all([bus.subscribe({ groupId: `${run}-worker`, topics: [POISON], handler: async (e) => void handled.push(e.id) }), observe()]);

      await raw.connect();
      await raw.send({ topic: POISON, messages: [{ key: 'acc-1', value: '{not json', headers: { ce_specversion: '1.0', marker: run } }] });
      const after = makeEvent(`${run}-after`, 'acc-1', { ok: true });
      await bus.publish(POISON, [after]);

      await eventually(() => handled.includes(after.id) && parked.length === 1, 'the valid event is handled and the bad one parked');
      expect(handled.filter((id) => id.startsWith(run))).toEqual([after.id]);
      expect(parked[0].value).toBe('{not json');
      expect(parked[0].headers).toMatchObject({
        marker: run,
        ce_specversion: '1.0',
        ce_dltattempts: '0',
        ce_dlttopic: POISON,
        ce_dltgroup: `${run}-worker`,
      });
      expect(parked[0].headers.ce_dlterror).toMatch(/MalformedEventError/);
    } finally {
      await Promise.allSettled([bus.close(), raw.disconnect(), observer.disconnect()]);
    }
  }, 45_000);

  it('coalesces many concurrent gzip publishes without losing or reordering events', async () => {
    const run = randomUUID().slice(0, 8);
    const bus = newBus('gzip');
    try {
      const perKey = new Map<string, number[]>();
      let count = 0;
      await bus.subscribe({
        groupId: `${run}-batching`,
        topics: [BATCHING],
        handler: async (e) => {
          if (!e.id.startsWith(run)) return;
          const list = perKey.get(e.key) ?? [];
          list.push((e.data as { n: number }).n);
          perKey.set(e.key, list);
          count++;
        },
      });
      const publishers = 50;
      const each = 20;
      await Promise.all(
        Array.from({ length: publishers }, (_, p) =>
          bus.publish(
            BATCHING,
            Array.from({ length: each }, (_, n) => makeEvent(`${run}-${p}-${n}`, `key-${p}`, { n })),
          ),
        ),
      );
      await eventually(() => count >= publishers * each, 'all events arrive');
      expect(count).toBe(publishers * each);
      const inOrder = Array.from({ length: each }, (_, n) => n);
      for (let p = 0; p < publishers; p++) expect(perKey.get(`key-${p}`)).toEqual(inOrder);
    } finally {
      await bus.close();
    }
  }, 45_000);
});
