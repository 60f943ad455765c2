import { ACCOUNT_STATUS_V1, ALL_TOPICS, DELIVERY_REPORT_V1, INBOUND_MESSAGE_V1, PUBLIC_TOPICS } from '@sms/contracts';
import { KafkaMock, startKafkaMock } from '@sms/testing';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { auth, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import { eventually, freePort, RunningProcess, startProcess, tempDir } from './support/processes';
import { APP_SERVICES, type AppService, type SimulatorProcess, startAppProcess, startSimulator } from './support/profiles';
import { runWalkingSkeleton, SkeletonRun } from './support/scenario';

type Service = AppService;

interface Received {
  topic: string;
  key: string;
  headers: Record<string, string>;
  data: any;
}

/**
 * The production shape on this machine: every app its own process, talking through Kafka (the librdkafka mock
 * cluster speaks the real wire protocol), each with its own SQLite files, an SMPP simulator process as the operator,
 * and a customer's plain kafkajs consumer on the public receipts topic.
 */
describe('kafka profile (one process per app)', () => {
  let kafka: KafkaMock;
  let simulator: SimulatorProcess;
  let simulatorControl: string;
  const services = new Map<Service, RunningProcess & { url: string }>();
  const dataDirs = new Map<Service, string>();
  let smppPort: number;
  let cmppPort: number;
  let consumer: Consumer;
  const receipts: Received[] = [];
  let run: SkeletonRun;

  const startService = async (name: Service) => {
    const dataDir = dataDirs.get(name) ?? tempDir(name);
    dataDirs.set(name, dataDir);
    // China Mobile over CMPP, the others over SMPP, as in the embedded default (ADR 0042).
    services.set(name, await startAppProcess(name, { kafkaBootstrap: kafka.bootstrap, smppPort, cmppPort, dataDir }));
  };

  const urlOf = (name: Service): string => {
    const service = services.get(name);
    if (!service) throw new Error(`${name} is not running`);
    return service.url;
  };

  beforeAll(async () => {
    kafka = await startKafkaMock({ topics: ALL_TOPICS, partitions: 4 });
    simulator = await startSimulator();
    smppPort = simulator.smppPort;
    cmppPort = simulator.cmppPort;
    simulatorControl = simulator.control;
    await Promise.all(APP_SERVICES.map(startService));

    consumer = new Kafka({ clientId: 'customer-platform', brokers: [kafka.bootstrap], logLevel: logLevel.NOTHING }).consumer({
      groupId: `customer-${Date.now()}`,
      sessionTimeout: 6000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 100,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [PUBLIC_TOPICS.deliveryReceipts, PUBLIC_TOPICS.inbound, PUBLIC_TOPICS.accountEvents], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        receipts.push({ topic, key: String(message.key), headers, data: JSON.parse(String(message.value)) });
      },
    });
  }, 120_000);

  afterAll(async () => {
    await consumer?.disconnect();
    await Promise.all([...services.values()].map((s) => s.stop()));
    await simulator?.stop();
    await kafka?.stop();
  }, 60_000);

  it('sends an SMS end to end across four processes and bills exactly price × segments', async () => {
    run = await runWalkingSkeleton({
      accounts: urlOf('account-billing'),
      review: urlOf('content-review'),
      dispatch: urlOf('dispatch'),
    }, E2E_ADMIN_TOKEN);
  }, 120_000);

  it('publishes CloudEvents sms.delivery-report.v1 to sms.delivery-receipts for every message', async () => {
    const mine = await eventually(async () => {
      const found = receipts.filter((r) => r.topic === PUBLIC_TOPICS.deliveryReceipts && run.messageIds.includes(r.data.messageId));
      return found.length === run.messageIds.length ? found : undefined;
    }, 'three delivery reports on sms.delivery-receipts');
    for (const receipt of mine) {
      expect(receipt.key).toBe(run.accountId);
      expect(receipt.headers).toMatchObject({ ce_specversion: '1.0', ce_type: DELIVERY_REPORT_V1, ce_source: '/sms/dispatch', 'content-type': 'application/json' });
      expect(receipt.headers.ce_id).toEqual(expect.any(String));
      expect(new Date(receipt.headers.ce_time).toISOString()).toBe(receipt.headers.ce_time);
      expect(receipt.data).toMatchObject({
        batchId: run.batchId,
        accountId: run.accountId,
        outId: 'order-42',
        status: 'DELIVERED',
        segments: 2,
        operatorMessageId: expect.any(String),
        submittedAt: expect.any(String),
        doneAt: expect.any(String),
      });
      expect(run.phoneNumbers).toContain(receipt.data.phoneNumber);
    }
  }, 60_000);

  it('routes a recipient\'s "退订" reply to the sender as an opt-out, on sms.inbound and GET /v1/inbound-messages', async () => {
    const from = run.phoneNumbers[0];
    await expectStatus(202, 'POST', `${simulatorControl}/mo`, { from, to: '10690000', text: '退订' });
    const inbound = await eventually(async () => {
      const page = await expectStatus(200, 'GET', `${urlOf('dispatch')}/v1/inbound-messages`, undefined, auth(run.customerToken));
      return page.items.length > 0 ? page.items : undefined;
    }, 'the reply in GET /v1/inbound-messages');
    expect(inbound).toEqual([expect.objectContaining({ accountId: run.accountId, phoneNumber: from, content: '退订', optOut: true })]);
    const published = await eventually(async () => receipts.find((r) => r.topic === PUBLIC_TOPICS.inbound && r.data.accountId === run.accountId), 'sms.inbound');
    expect(published.key).toBe(run.accountId);
    expect(published.headers).toMatchObject({ ce_type: INBOUND_MESSAGE_V1, ce_specversion: '1.0' });
    expect(published.data).toMatchObject({ inboundId: inbound[0].inboundId, phoneNumber: from, content: '退订', optOut: true });
  }, 60_000);

  it('publishes every account status change as sms.account-status.v1 on sms.account-events: frozen for arrears, active again after a top-up', async () => {
    const admin = auth(E2E_ADMIN_TOKEN);
    const url = urlOf('account-billing');
    const opened = await expectStatus(201, 'POST', `${url}/v1/accounts`, { name: 'Arrears Ltd', contactEmail: 'ops@arrears.example' }, admin);
    await expectStatus(201, 'POST', `${url}/v1/accounts/${opened.accountId}/adjustments`, { amount: '-1.00', reason: 'statement correction', reference: 'k-adj' }, admin);
    await expectStatus(201, 'POST', `${url}/v1/accounts/${opened.accountId}/deposits`, { amount: '5.00', reference: 'k-top-up' }, admin);
    const statuses = await eventually(async () => {
      const found = receipts.filter((r) => r.topic === PUBLIC_TOPICS.accountEvents && r.data.accountId === opened.accountId);
      return found.length === 3 ? found : undefined;
    }, 'three status events of the account on sms.account-events');
    expect(statuses.map((r) => [r.data.status, r.data.reason])).toEqual([
      ['ACTIVE', 'OPENED'],
      ['FROZEN', 'ARREARS'],
      ['ACTIVE', expect.any(String)],
    ]);
    for (const event of statuses) {
      expect(event.key).toBe(opened.accountId);
      expect(event.headers).toMatchObject({ ce_type: ACCOUNT_STATUS_V1, ce_source: '/sms/account-billing', ce_specversion: '1.0' });
      expect(new Date(event.data.at).toISOString()).toBe(event.data.at);
    }
  }, 60_000);

  it('replays the ledger to the same balance when account-billing restarts', async () => {
    const customer = auth(run.customerToken);
    const ledger = await expectStatus(200, 'GET', `${urlOf('account-billing')}/v1/accounts/${run.accountId}/ledger`, undefined, customer);
    await services.get('account-billing')?.stop();
    await startService('account-billing');
    const url = urlOf('account-billing');
    expect(await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}`, undefined, customer)).toMatchObject({ balance: run.expectedBalance, reserved: '0.0000' });
    expect(await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}/ledger`, undefined, auth(E2E_ADMIN_TOKEN))).toEqual(ledger);
  }, 60_000);
});

/** `KAFKA_BROKERS=… npm start`: the one-process host, its services talking through Kafka instead of in-process. */
describe('embedded host on Kafka (KAFKA_BROKERS set)', () => {
  let kafka: KafkaMock;
  let platform: RunningProcess & { match: RegExpMatchArray };

  beforeAll(async () => {
    kafka = await startKafkaMock({ topics: ALL_TOPICS, partitions: 4 });
    platform = await startProcess(
      'apps/platform/src/main.js',
      { PORT: '0', GRPC_PORT: String(await freePort()), SMPP_PORT: '0', DATA_DIR: tempDir('platform-kafka'), HOST: '127.0.0.1', KAFKA_BROKERS: kafka.bootstrap, ADMIN_API_KEY: E2E_ADMIN_TOKEN },
      /REST API\s+(http:\/\/\S+)\/v1/,
    );
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await kafka?.stop();
  }, 60_000);

  it('says it runs on Kafka and sends an SMS end to end', async () => {
    expect(platform.output()).toContain(`bus        Kafka ${kafka.bootstrap}`);
    const url = platform.match[1];
    const run = await runWalkingSkeleton({ accounts: url, review: url, dispatch: url }, E2E_ADMIN_TOKEN);
    expect(await expectStatus(200, 'GET', `${url}/v1/messages/${run.messageIds[2]}`, undefined, auth(run.customerToken))).toMatchObject({ status: 'DELIVERED', operator: 'CTCC' });
  }, 120_000);
});
