import { parseMoney } from '@sms/contracts';
import { grpcClient, unary } from './support/grpc';
import { auth, call, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import { eventually, freePort, RunningProcess, startProcess, tempDir } from './support/processes';
import { priceOf, runWalkingSkeleton, SkeletonRun } from './support/scenario';

/**
 * Statistics (ADR 0020), black-box on the embedded profile: what GET /v1/statistics and gRPC GetStatistics count for
 * an account is what went out — and its billed segments are exactly what the account's ledger captured.
 */
describe('statistics (embedded profile)', () => {
  const dataDir = tempDir('statistics');
  let platform: RunningProcess & { match: RegExpMatchArray };
  let url: string;
  let grpcPort: number;
  let run: SkeletonRun;
  const admin = auth(E2E_ADMIN_TOKEN);
  const customer = () => auth(run.customerToken);
  const statistics = (query: string, headers = customer()) => expectStatus(200, 'GET', `${url}/v1/statistics?${query}`, undefined, headers);

  beforeAll(async () => {
    grpcPort = await freePort();
    platform = await startProcess(
      'apps/platform/src/main.js',
      { PORT: '0', GRPC_PORT: String(grpcPort), SMPP_PORT: '0', DATA_DIR: dataDir, HOST: '127.0.0.1', ADMIN_API_KEY: E2E_ADMIN_TOKEN },
      /REST API\s+(http:\/\/\S+)\/v1/,
    );
    url = platform.match[1];
  }, 60_000);
  afterAll(() => platform?.stop());

  it('counts what went out, and its billed segments are what the ledger captured', async () => {
    run = await runWalkingSkeleton({ accounts: url, review: url, dispatch: url }, E2E_ADMIN_TOKEN);
    // A second batch: twelve more numbers of the three operators, and one that is no number (refused, never counted).
    const numbers = Array.from({ length: 12 }, (_, i) => [`1380013${String(8100 + i)}`, `1301234${String(5700 + i)}`, `1891234${String(5600 + i)}`][i % 3]);
    const sent = await expectStatus(202, 'POST', `${url}/v1/messages`, { ...run.request, params: { order: 'SO-STATS-2' }, phoneNumbers: [...numbers, 'not-a-number'] }, {
      ...customer(),
      'Idempotency-Key': `statistics-${run.accountId}`,
    });
    expect([sent.messages.length, sent.rejected.length]).toEqual([12, 1]);
    for (const { messageId } of sent.messages as Array<{ messageId: string }>) {
      await eventually(async () => {
        const message = await expectStatus(200, 'GET', `${url}/v1/messages/${messageId}`, undefined, customer());
        return message.status === 'DELIVERED' ? message : undefined;
      }, `message ${messageId} DELIVERED`);
    }

    // The receipts reach the read model (and so the buckets) through the consumers: shortly after.
    const byStatus = await eventually(async () => {
      const answer = await statistics('groupBy=status');
      return answer.items.length === 1 && answer.items[0].delivered === 15 ? answer : undefined;
    }, 'fifteen deliveries in the statistics');
    expect(byStatus).toMatchObject({ accountId: run.accountId, groupBy: 'status' });
    expect(byStatus.items).toEqual([
      {
        key: 'DELIVERED',
        submitted: 15,
        delivered: 15,
        undelivered: 0,
        failed: 0,
        failedByReason: {},
        billedSegments: 30,
        successRate: 1,
        p50DeliveryMs: expect.any(Number),
        p95DeliveryMs: expect.any(Number),
      },
    ]);
    expect(byStatus.items[0].p50DeliveryMs).toBeLessThanOrEqual(byStatus.items[0].p95DeliveryMs);

    // The ledger: every capture of the account, its amount being price × the segments the operator acknowledged.
    const ledger = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}/ledger?limit=1000`, undefined, customer());
    const captures = (ledger.entries as Array<{ type: string; amount: string; messageIds?: string[] }>).filter((e) => e.type === 'CAPTURE');
    const captured = captures.reduce((sum, e) => sum - (parseMoney(e.amount) as bigint), 0n);
    const capturedMessages = new Set(captures.flatMap((e) => e.messageIds ?? [])).size;
    const unitPrice = await priceOf(url, 'notification', 'CN');
    const byDay = await statistics('groupBy=day');
    const billed = byDay.items.reduce((sum: number, r: { billedSegments: number }) => sum + r.billedSegments, 0);
    const submitted = byDay.items.reduce((sum: number, r: { submitted: number }) => sum + r.submitted, 0);
    expect(captured).toBe(BigInt(billed) * unitPrice);
    expect(capturedMessages).toBe(submitted);
    expect([billed, submitted]).toEqual([30, 15]);

    // Every dimension answers the same totals, keyed as the contract says.
    const keys = async (groupBy: string) => (await statistics(`groupBy=${groupBy}`)).items.map((r: { key: string; submitted: number }) => [r.key, r.submitted]);
    expect(await keys('day')).toEqual([[new Date().toISOString().slice(0, 10), 15]]);
    expect(await keys('operator')).toEqual([
      ['CMCC', 5],
      ['CTCC', 5],
      ['CUCC', 5],
    ]);
    expect(await keys('kind')).toEqual([['notification', 15]]);
    expect(await keys('template')).toEqual([[run.request.templateId, 15]]);
    expect(await keys('signature')).toEqual([[run.request.signatureId, 15]]);
    expect(await keys('country')).toEqual([['CN', 15]]);
    // China Mobile over CMPP, the others over SMPP (ADR 0042).
    expect(await keys('channel')).toEqual([
      ['cmpp-default', 5],
      ['smpp-default', 10],
    ]);
    expect((await keys('hour')).reduce((sum: number, [, n]: [string, number]) => sum + n, 0)).toBe(15);

    // gRPC mirrors REST (int64 counts arrive as strings; an absent rate would be left out).
    const client = grpcClient(`127.0.0.1:${grpcPort}`, 'dispatch.proto', 'sms.dispatch.v1', 'DispatchService');
    const overGrpc = await unary<any>(client, 'GetStatistics', { groupBy: 'status' }, run.customerToken);
    expect(overGrpc).toMatchObject({ accountId: run.accountId, groupBy: 'status', from: byStatus.from });
    expect(overGrpc.items).toEqual([
      expect.objectContaining({ key: 'DELIVERED', submitted: '15', delivered: '15', undelivered: '0', failed: '0', billedSegments: '30', successRate: 1 }),
    ]);
    await expect(unary(client, 'GetStatistics', { groupBy: 'week' }, run.customerToken)).rejects.toMatchObject({ code: 3 });
    await expect(unary(client, 'GetStatistics', { accountId: 'someone-else' }, run.customerToken)).rejects.toMatchObject({ code: 5 });
    client.close();

    // Staff name an account, or read every account's at once (here: this one's only).
    expect((await statistics(`accountId=${run.accountId}&groupBy=kind`, admin)).items).toEqual((await statistics('groupBy=kind')).items);
    const everyone = await statistics('groupBy=kind', admin);
    expect(everyone).not.toHaveProperty('accountId');
    expect(everyone.items[0]).toMatchObject({ key: 'notification', submitted: 15 });

    // Bad input is a 400 with a stable code; another account is answered as absent.
    for (const query of ['groupBy=week', 'from=yesterday', 'from=2026-11-30T00:00:00Z&to=2026-11-29T00:00:00Z', 'from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z']) {
      expect(await call('GET', `${url}/v1/statistics?${query}`, undefined, customer())).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    }
    expect(await call('GET', `${url}/v1/statistics?accountId=someone-else`, undefined, customer())).toMatchObject({ status: 404, body: { code: 'ACCOUNT_NOT_FOUND' } });
  }, 120_000);

  it('erases the account’s statistics with the account', async () => {
    await expectStatus(200, 'POST', `${url}/v1/accounts/${run.accountId}/suspension`, { reason: 'customer closes the account' }, admin);
    await expectStatus(200, 'POST', `${url}/v1/accounts/${run.accountId}/erasure`, { reason: 'Customer request ST-1' }, admin);
    await eventually(async () => ((await statistics(`accountId=${run.accountId}&groupBy=day`, admin)).items.length === 0 ? true : undefined), 'the statistics erased');
  }, 60_000);
});
