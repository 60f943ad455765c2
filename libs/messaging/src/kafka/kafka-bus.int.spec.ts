// Tests of an infra lib may use the test launchers; the tag rule exists to keep them out of production code.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startKafkaMock, type KafkaMock } from '@sms/testing';
import { busContractTopics, describeBusContract, silentBusLogger } from '../contract/bus.contract';
import { KafkaBus } from './kafka-bus';

// One mock cluster for the whole file: each contract test has its own topics and groups.
let mock: KafkaMock;

beforeAll(async () => {
  mock = await startKafkaMock({ brokers: 3, partitions: 4, topics: busContractTopics() });
}, 120_000);

afterAll(async () => {
  await mock?.stop();
});

describeBusContract('kafka', () => new KafkaBus({ brokers: mock.brokers, clientId: 'bus-contract', logLevel: 'error', logger: silentBusLogger }), {
  eventuallyMs: 20_000,
  testTimeoutMs: 45_000,
});
