/**
 * End-to-end throughput of the embedded profile: N messages in batches of 1,000 through the REST API to the
 * bundled SMSC simulator, receipts included. Prints one JSON line:
 * {messagesPerSecond, p50AcceptToSubmitMs, p99AcceptToSubmitMs, …}.
 * Usage: npm run bench [-- --messages 20000 --concurrency 4 --kafka]
 * With --kafka the same one-process host runs its services over Kafka (the librdkafka mock cluster on loopback).
 */
import { ALL_TOPICS } from '@sms/contracts';
import { startKafkaMock } from '@sms/testing';
import { expectStatus } from '../support/http';
import { eventually, freePort, startProcess, tempDir } from '../support/processes';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number(process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const total = argument('messages', 20_000);
  const concurrency = argument('concurrency', 4);
  const batchSize = 1_000;
  const kafka = process.argv.includes('--kafka') ? await startKafkaMock({ topics: ALL_TOPICS, partitions: 4 }) : undefined;

  const platform = await startProcess(
    'apps/platform/src/main.js',
    {
      PORT: '0',
      GRPC_PORT: String(await freePort()),
      SMPP_PORT: '0',
      DATA_DIR: tempDir('bench'),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...(kafka ? { KAFKA_BROKERS: kafka.bootstrap } : {}),
    },
    /REST API\s+(http:\/\/\S+)\/v1/,
  );
  const url = platform.match[1];
  try {
    const { accountId } = await expectStatus(201, 'POST', `${url}/v1/accounts`, { name: 'Bench Ltd', contactEmail: 'bench@example.com' });
    await expectStatus(201, 'POST', `${url}/v1/accounts/${accountId}/deposits`, { amount: '1000000.00', reference: 'bench' });
    const { signatureId } = await expectStatus(201, 'POST', `${url}/v1/signatures`, { accountId, name: '基准测试', purpose: 'company', documents: [{ kind: 'business-licence', reference: 'BL-1' }] });
    const { templateId } = await expectStatus(201, 'POST', `${url}/v1/templates`, { accountId, name: 'otp', kind: 'verification', content: '您的验证码为${code}，5分钟内有效。' });
    await expectStatus(200, 'POST', `${url}/v1/signatures/${signatureId}/decision`, { approve: true });
    await expectStatus(200, 'POST', `${url}/v1/templates/${templateId}/decision`, { approve: true });

    // Distinct valid China Mobile numbers: 1380000xxxx onwards.
    const numbers = Array.from({ length: total }, (_, i) => `138${String(i).padStart(8, '0')}`);
    const batches: string[][] = [];
    for (let i = 0; i < numbers.length; i += batchSize) batches.push(numbers.slice(i, i + batchSize));

    const send = (phoneNumbers: string[]) =>
      expectStatus(202, 'POST', `${url}/v1/messages`, { accountId, signatureId, templateId, params: { code: '123456' }, phoneNumbers });
    await eventually(async () => (await send(['13900000000'])) && true, 'dispatch to know the account and approvals');

    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < batches.length) {
          const batch = batches[next++];
          const accepted = await send(batch);
          if (accepted.messages.length !== batch.length) throw new Error(`only ${accepted.messages.length} of ${batch.length} accepted`);
        }
      }),
    );
    const acceptedMs = performance.now() - started;

    // Done when no message of the account is still on its way; cheap probes, so polling does not slow the platform.
    const inFlight = async () => {
      for (const status of ['ACCEPTED', 'QUEUED', 'SUBMITTED']) {
        const page = await expectStatus(200, 'GET', `${url}/v1/messages?accountId=${accountId}&status=${status}&limit=1`);
        if (page.items.length > 0) return true;
      }
      return false;
    };
    await eventually(async () => ((await inFlight()) ? undefined : true), `${total} messages to be delivered`, 600_000);
    const elapsedMs = performance.now() - started;

    const delivered: any[] = [];
    let cursor: string | undefined;
    do {
      const page = await expectStatus(200, 'GET', `${url}/v1/messages?accountId=${accountId}&status=DELIVERED&limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
      delivered.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    if (delivered.length !== total + 1) throw new Error(`${delivered.length} of ${total + 1} messages delivered`);

    const latencies = delivered
      .filter((m) => m.submittedAt)
      .map((m) => Date.parse(m.submittedAt) - Date.parse(m.acceptedAt))
      .sort((a, b) => a - b);
    const account = await expectStatus(200, 'GET', `${url}/v1/accounts/${accountId}`);
    process.stdout.write(
      `${JSON.stringify({
        messagesPerSecond: Math.round((total / elapsedMs) * 1000),
        p50AcceptToSubmitMs: percentile(latencies, 50),
        p99AcceptToSubmitMs: percentile(latencies, 99),
        messages: total,
        bus: kafka ? 'kafka' : 'in-process',
        batchSize,
        concurrency,
        acceptedPerSecond: Math.round((total / acceptedMs) * 1000),
        elapsedMs: Math.round(elapsedMs),
        balance: account.balance,
      })}\n`,
    );
  } finally {
    await platform.stop();
    await kafka?.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
