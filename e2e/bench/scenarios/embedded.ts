/**
 * `embedded`: the one-process host (in-process bus, SQLite, bundled simulator in its own thread). N messages in
 * batches of 1,000 through the REST API, `concurrency` requests in flight, done when every message is DELIVERED
 * (receipts included). Accept→submit latency here is queueing at full load: the bench offers faster than it drains.
 * cpuMsPerMessage: CPU of the platform process (all its threads, the simulator's included), not the bench's.
 * With --kafka the same host runs its services over the Kafka mock cluster.
 */
import { rmSync } from 'node:fs';
import { ALL_TOPICS } from '@sms/contracts';
import { startKafkaMock } from '@sms/testing';
import { auth, E2E_ADMIN_TOKEN, expectStatus } from '../../support/http';
import { cpuStopwatch } from '../../support/cpu';
import { freePort, startProcess, tempDir } from '../../support/processes';
import { acceptToSubmit, BenchOptions, cpuPerMessage, chinaMobileNumbers, chunk, Cleanup, expectAllDelivered, log, perSecond, prepareSender, rulesInForce, Scenario, sendAll, waitUntilDrained } from '../common';

const BATCH_SIZE = 1_000;

export const embedded: Scenario = {
  name: 'embedded',
  async run(options: BenchOptions, cleanup: Cleanup) {
    const total = options.messages;
    const kafka = options.kafka ? await startKafkaMock({ topics: ALL_TOPICS, partitions: 4 }) : undefined;
    if (kafka) cleanup.add('Kafka mock', () => kafka.stop());

    const dataDir = tempDir('bench');
    cleanup.add('data dir', () => rmSync(dataDir, { recursive: true, force: true }));
    const platform = await startProcess(
      'apps/platform/src/main.js',
      {
        PORT: '0',
        GRPC_PORT: String(await freePort()),
        SMPP_PORT: '0',
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ADMIN_API_KEY: E2E_ADMIN_TOKEN,
        ...(kafka ? { KAFKA_BROKERS: kafka.bootstrap } : {}),
      },
      /REST API\s+(http:\/\/\S+)\/v1/,
    );
    cleanup.add('platform', () => platform.stop());
    const url = platform.match[1];

    const sender = await prepareSender({ accounts: url, review: url, dispatch: url });
    const batches = chunk(chinaMobileNumbers(total), BATCH_SIZE);
    log(`embedded: sending ${total} messages${kafka ? ' over Kafka' : ''}`);

    const cpu = cpuStopwatch([platform.child.pid]);
    const started = performance.now();
    await sendAll(sender, batches, options.concurrency);
    const acceptedMs = performance.now() - started;
    await waitUntilDrained(url, sender, `${total} messages to be delivered`);
    const elapsedMs = performance.now() - started;
    const cpuMs = cpu.stop();

    const latency = acceptToSubmit(await expectAllDelivered(url, sender, total + 1));
    const account = await expectStatus(200, 'GET', `${url}/v1/accounts/${sender.accountId}`, undefined, auth(sender.token));
    return {
      messagesPerSecond: perSecond(total, elapsedMs),
      p50AcceptToSubmitMs: latency.p50,
      p99AcceptToSubmitMs: latency.p99,
      messages: total,
      bus: kafka ? 'kafka' : 'in-process',
      batchSize: BATCH_SIZE,
      concurrency: options.concurrency,
      acceptedPerSecond: perSecond(total, acceptedMs),
      elapsedMs: Math.round(elapsedMs),
      cpuMsPerMessage: cpuPerMessage(cpuMs, total),
      balance: account.balance,
      ...(await rulesInForce(url, sender, batches[0][0], total + 1)),
    };
  },
};
