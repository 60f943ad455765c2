import { parse } from 'csv-parse/sync';
import { parseMoney } from '@sms/contracts';
import { grpcClient, unary } from './support/grpc';
import { auth, call, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import { eventually, freePort, RunningProcess, startProcess, tempDir } from './support/processes';
import { runWalkingSkeleton, SkeletonRun } from './support/scenario';

/**
 * Reconciliation (terms §2.4, ADR 0026), black-box on the embedded profile: messages go out through the SMSC simulator;
 * the segments the operator acknowledged and the segments the ledger billed agree exactly (0‰); an operator statement
 * 2 % short is 20‰ and outside the 5‰ tolerance; the ledger exported as CSV reads back as its JSON pages.
 */
describe('reconciliation (embedded profile)', () => {
  const dataDir = tempDir('reconciliation');
  let platform: RunningProcess & { match: RegExpMatchArray };
  let url: string;
  let grpcPort: number;
  let run: SkeletonRun;
  const admin = auth(E2E_ADMIN_TOKEN);
  const customer = () => auth(run.customerToken);
  // Explicit bounds around the run: a run across midnight on the last day of a month stays in one period.
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();
  const period = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

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

  it('sends 50 two-part messages end to end and reconciles them at 0‰: submitted segments == billed segments == what the ledger captured', async () => {
    run = await runWalkingSkeleton({ accounts: url, review: url, dispatch: url }, E2E_ADMIN_TOKEN);
    // 47 more numbers of the three operators: 3 + 47 messages of 2 segments = 100 segments.
    const numbers = Array.from({ length: 47 }, (_, i) => [`1390013${String(9100 + i)}`, `1301235${String(5700 + i)}`, `1891235${String(5600 + i)}`][i % 3]);
    const sent = await expectStatus(202, 'POST', `${url}/v1/messages`, { ...run.request, params: { order: 'SO-RECON-2' }, phoneNumbers: numbers }, {
      ...customer(),
      'Idempotency-Key': `reconciliation-${run.accountId}`,
    });
    expect([sent.messages.length, sent.rejected.length]).toEqual([47, 0]);

    const reconciled = await eventually(async () => {
      const answer = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}/reconciliation?${period}`, undefined, customer());
      return answer.submittedSegments === 100 && answer.billedSegments === 100 ? answer : undefined;
    }, '100 segments acknowledged and billed', 60_000);
    expect(reconciled).toEqual({ accountId: run.accountId, from, to, submittedSegments: 100, billedSegments: 100, errorPermille: 0, withinTolerance: true });

    // The ledger's own figures say the same: every reservation settled, the captures are 100 segments × the unit price.
    const account = await eventually(async () => {
      const a = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}`, undefined, customer());
      return a.reserved === '0.0000' ? a : undefined;
    }, 'every reservation settled');
    const ledger = await allLedgerEntries();
    const captures = ledger.filter((e) => e.type === 'CAPTURE');
    const captured = captures.reduce((sum, e) => sum - (parseMoney(e.amount as string) as bigint), 0n);
    expect(new Set(captures.flatMap((e) => e.messageIds as string[])).size).toBe(50);
    expect(captured).toBe((parseMoney('100.00') as bigint) - (parseMoney(account.balance) as bigint));
    expect(captured % 100n).toBe(0n);
  }, 120_000);

  it('reconciles an operator statement 2 % short at 20‰, outside the 5‰ tolerance, and shows it with the period it covers', async () => {
    const csv = `period_start,period_end,segments\r\n${from},${to},98\r\n`;
    const response = await fetch(`${url}/v1/accounts/${run.accountId}/statements`, { method: 'POST', headers: { ...admin, 'content-type': 'text/csv' }, body: csv });
    expect(response.status).toBe(201);
    const imported = await response.json();
    expect(imported).toMatchObject({
      from,
      to,
      submittedSegments: 100,
      billedSegments: 100,
      errorPermille: 0,
      withinTolerance: true,
      statement: { periodStart: from, periodEnd: to, operatorSegments: 98, submittedSegments: 100, errorPermille: 20, withinTolerance: false },
    });
    expect(await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}/reconciliation?${period}`, undefined, customer())).toEqual(imported);

    const client = grpcClient(`127.0.0.1:${grpcPort}`, 'account.proto', 'sms.account.v1', 'ReconciliationService');
    try {
      const answer = await unary<any>(client, 'GetReconciliation', { accountId: run.accountId, from, to }, run.customerToken);
      expect(answer).toMatchObject({ submittedSegments: '100', billedSegments: '100', errorPermille: 0, withinTolerance: true, statement: { operatorSegments: '98', errorPermille: 20, withinTolerance: false } });
    } finally {
      client.close();
    }

    const json = await call('POST', `${url}/v1/accounts/${run.accountId}/statements`, { csv }, admin);
    expect([json.status, json.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const malformed = await fetch(`${url}/v1/accounts/${run.accountId}/statements`, { method: 'POST', headers: { ...admin, 'content-type': 'text/csv' }, body: 'period_start,period_end,segments\n2026-11-01,2026-11-31,98\n' });
    expect([malformed.status, ((await malformed.json()) as { detail: string }).detail]).toEqual([400, 'line 2: period_end: 2026-11-31 is not a calendar date']);
  });

  it('exports the ledger as CSV that reads back to the entries of every JSON page', async () => {
    const response = await fetch(`${url}/v1/accounts/${run.accountId}/ledger`, { headers: { ...customer(), accept: 'text/csv' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="ledger-${run.accountId}.csv"`);
    const [header, ...records] = (parse(await response.text(), { bom: true }) as string[][]);
    expect(header).toEqual(['entryId', 'type', 'amount', 'balanceAfter', 'reservedAfter', 'at', 'reference', 'reason', 'batchIds', 'messageIds']);
    const fromCsv = records.map((cells) => Object.fromEntries(header.map((column, i) => [column, cells[i]]).filter(([, value]) => value !== '')));
    const asCsv = (entry: Record<string, unknown>) =>
      Object.fromEntries(header.filter((column) => entry[column] !== undefined).map((column) => [column, Array.isArray(entry[column]) ? (entry[column] as string[]).join(';') : String(entry[column])]));
    expect(fromCsv).toEqual((await allLedgerEntries()).map(asCsv));
  });

  /** Every entry of the account's ledger, page by page (3 at a time, so there are several). */
  async function allLedgerEntries(): Promise<Array<Record<string, unknown>>> {
    const entries: Array<Record<string, unknown>> = [];
    for (let fromRevision = 0; ; ) {
      const page = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}/ledger?fromRevision=${fromRevision}&limit=3`, undefined, customer());
      entries.push(...page.entries);
      if (page.nextFromRevision === undefined) return entries;
      fromRevision = page.nextFromRevision;
    }
  }
});

