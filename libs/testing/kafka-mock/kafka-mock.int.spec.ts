import { Kafka, logLevel } from 'kafkajs';
import { startKafkaMock, type KafkaMock } from '../src/kafka-mock';

describe('Kafka mock launcher', () => {
  let mock: KafkaMock;

  beforeAll(async () => {
    mock = await startKafkaMock({ brokers: 3, partitions: 3, topics: ['launcher.smoke', 'launcher.two:2'] });
  }, 120_000);

  afterAll(async () => {
    await mock?.stop();
  });

  it('prints a bootstrap address per broker', () => {
    expect(mock.brokers).toHaveLength(3);
    for (const broker of mock.brokers) expect(broker).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('pre-creates topics with the requested partition counts', async () => {
    const kafka = new Kafka({ clientId: 'launcher-test', brokers: mock.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    // Metadata via a producer: the mock has no admin DescribeConfigs/CreateTopics, but it does answer Metadata.
    const admin = kafka.admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: ['launcher.smoke', 'launcher.two'] });
    const counts = Object.fromEntries(metadata.topics.map((t) => [t.name, t.partitions.length]));
    expect(counts).toEqual({ 'launcher.smoke': 3, 'launcher.two': 2 });
    await admin.disconnect();
    await producer.disconnect();
  });

  it('accepts an idempotent producer (controller id patched) and serves a consumer group', async () => {
    const kafka = new Kafka({ clientId: 'launcher-test', brokers: mock.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({
      topic: 'launcher.smoke',
      acks: -1,
      messages: [1, 2, 3].map((n) => ({ key: `k${n}`, value: `v${n}`, headers: { h: `x${n}` } })),
    });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `launcher-${Date.now()}`, sessionTimeout: 6000, heartbeatInterval: 1000, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'launcher.smoke', fromBeginning: true });
    const received: string[] = [];
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ message }) => {
            received.push(`${message.key}=${message.value}/${message.headers?.['h']}`);
            if (received.length === 3) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    expect(received.sort()).toEqual(['k1=v1/x1', 'k2=v2/x2', 'k3=v3/x3']);
  }, 30_000);

  it('exits when stopped', async () => {
    const other = await startKafkaMock({ topics: ['launcher.stop'] });
    await other.stop();
    const kafka = new Kafka({
      clientId: 'launcher-test',
      brokers: other.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 500,
    });
    const producer = kafka.producer();
    await expect(producer.connect()).rejects.toThrow();
  });
});
