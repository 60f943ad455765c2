import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import {
  INTERNAL_TOPICS,
  MESSAGES_RETURNED_V1,
  MESSAGES_SCREENED_V1,
  MESSAGES_SUBMITTED_V1,
  parseMoney,
  type MessagesReturnedV1,
  type MessagesScreenedV1,
  type MessagesSubmittedV1,
  protoFile,
} from '@sms/contracts';
import { newId, openSqlite } from '@sms/service-kit';
import { callJson, eventually, grpcUnary, type ServiceUnderTest, startServiceUnderTest, TEST_ADMIN_TOKEN, testEvent } from '@sms/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountBillingModule } from '../account-billing.module';
import { MESSAGE_CHARGES, type MessageCharges } from './application/message-charges';
import { BILLED_PROJECTION_NAME } from './project-billed/projection';
import { readCsv } from './test-support';

/**
 * Reconciliation in the account-billing module on real infrastructure (SQLite files, the in-process bus, gRPC): the
 * carrier's acknowledgements and the ledger's captures meet per message; redelivery, other event types and a restart
 * change nothing; an operator statement is imported as text/csv; the ledger is exported as CSV.
 */
const boot = (dataDir: string) =>
  startServiceUnderTest({ module: AccountBillingModule, dataDir, grpc: { package: 'sms.account.v1', protoPath: protoFile('account.proto') }, logLevel: 'warn' });

const SEGMENTS = 2;
const MESSAGES = 50;

describe('reconciliation (account-billing on SQLite, in-process bus)', () => {
  let dataDir: string;
  let service: ServiceUnderTest | undefined;
  let url: string;
  let accountId: string;
  let customerToken: string;
  let otherToken: string;
  const messageIds = Array.from({ length: MESSAGES + 1 }, () => newId());
  const now = new Date();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const lastDay = new Date(monthEnd.getTime() - 86_400_000).toISOString().slice(0, 10);

  const submissions = (results: Array<[string, 'SUBMITTED' | 'FAILED', number]>, id = newId()) =>
    testEvent<MessagesSubmittedV1>(MESSAGES_SUBMITTED_V1, '/sms/carrier-adapter', accountId, {
      accountId,
      channelId: 'smpp-default',
      results: results.map(([messageId, status, segmentsSubmitted]) => ({
        messageId,
        batchId: 'batch-1',
        status,
        segmentsSubmitted,
        segmentsFailed: SEGMENTS - segmentsSubmitted,
        operatorMessageIds: [],
        submittedAt: new Date().toISOString(),
        ...(status === 'FAILED' ? { errorCode: '0x45' } : {}),
      })),
    }, id);

  const running = (): ServiceUnderTest => {
    if (!service) throw new Error('the service is not running');
    return service;
  };
  const reconciliation = (token: string | null = TEST_ADMIN_TOKEN, query = '') => callJson('GET', `${url}/v1/accounts/${accountId}/reconciliation${query}`, undefined, token);
  const postCsv = (csv: string, contentType = 'text/csv', token = TEST_ADMIN_TOKEN, account = accountId) =>
    fetch(`${url}/v1/accounts/${account}/statements`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${token}` }, body: csv }).then(async (r) => ({
      status: r.status,
      contentType: r.headers.get('content-type'),
      body: (await r.json()) as any,
    }));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'reconciliation-int-'));
    service = await boot(dataDir);
    url = service.url;
    const opened = await callJson('POST', `${url}/v1/accounts`, { name: 'Acme Ltd', contactEmail: 'billing@acme.example' });
    accountId = opened.body.accountId;
    customerToken = opened.body.apiKey.token;
    otherToken = (await callJson('POST', `${url}/v1/accounts`, { name: 'Other Ltd', contactEmail: 'billing@other.example' })).body.apiKey.token;
    expect((await callJson('POST', `${url}/v1/accounts/${accountId}/deposits`, { amount: '100.00', reference: 'wire-1' })).status).toBe(201);
    // 51 messages of 2 segments reserved; 50 will be acknowledged, one will fail.
    await service.bus.publish(INTERNAL_TOPICS.messagesScreened, [
      testEvent<MessagesScreenedV1>(MESSAGES_SCREENED_V1, '/sms/content-review', accountId, {
        batchId: 'batch-1',
        accountId,
        kind: 'notification',
        screenedAt: new Date().toISOString(),
        cleared: messageIds.map((messageId) => ({ messageId, segments: SEGMENTS, countryCode: 'CN', operator: 'CMCC' })),
        blocked: [],
        held: [],
      }),
    ]);
    await eventually(async () => ((await callJson('GET', `${url}/v1/accounts/${accountId}`)).body.reserved !== '0.0000' ? true : undefined), 'the batch reserved');
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reconciles to 0‰: every acknowledged segment billed once, however often and in whatever mix the acknowledgements arrive', async () => {
    const [first, second, ...rest] = messageIds.slice(0, MESSAGES);
    const failed = messageIds[MESSAGES];
    const event = submissions([[first, 'SUBMITTED', SEGMENTS], [second, 'SUBMITTED', SEGMENTS], [failed, 'FAILED', 0]]);
    const returned = testEvent<MessagesReturnedV1>(MESSAGES_RETURNED_V1, '/sms/carrier-adapter', accountId, {
      accountId,
      channelId: 'smpp-default',
      reason: 'CHANNEL_DOWN',
      returnedAt: new Date().toISOString(),
      messages: rest.map((messageId) => ({ messageId, batchId: 'batch-1' })),
    });
    // Delivered twice, mixed with another type on the topic, and the first result again in another event.
    await running().bus.publish(INTERNAL_TOPICS.submissions, [event, returned, event, submissions([[first, 'SUBMITTED', SEGMENTS], ...rest.map((id): [string, 'SUBMITTED', number] => [id, 'SUBMITTED', SEGMENTS])])]);

    const answer = await reconciliation();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      accountId,
      from: monthStart.toISOString(),
      to: monthEnd.toISOString(),
      submittedSegments: MESSAGES * SEGMENTS,
      billedSegments: MESSAGES * SEGMENTS,
      errorPermille: 0,
      withinTolerance: true,
    });
    // Every reservation settled: 50 captured, the failed one released.
    expect((await callJson('GET', `${url}/v1/accounts/${accountId}`)).body).toMatchObject({ reserved: '0.0000' });
  });

  it("answers the account's own customer key, 404 to another tenant's, and a bad period 400", async () => {
    expect((await reconciliation(customerToken)).body).toMatchObject({ accountId, submittedSegments: 100, billedSegments: 100 });
    const foreign = await reconciliation(otherToken);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
    expect(JSON.stringify(foreign.body)).not.toContain('Segments');
    const reversed = await reconciliation(TEST_ADMIN_TOKEN, `?from=${monthEnd.toISOString()}&to=${monthStart.toISOString()}`);
    expect([reversed.status, reversed.body.code, reversed.contentType]).toEqual([400, 'VALIDATION_FAILED', expect.stringContaining('application/problem+json')]);
    const unknown = await callJson('GET', `${url}/v1/accounts/${newId()}/reconciliation`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
    const before = await reconciliation(TEST_ADMIN_TOKEN, `?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z`);
    expect(before.body).toMatchObject({ from: '2020-01-01T00:00:00.000Z', submittedSegments: 0, billedSegments: 0, errorPermille: 0, withinTolerance: true });
  });

  it('imports an operator statement as text/csv: 2 % fewer segments is 20‰, not within tolerance; GET shows it; the same statement again is 200', async () => {
    const csv = `period_start,period_end,segments\r\n${monthStart.toISOString().slice(0, 10)},${lastDay},98\r\n`;
    const imported = await postCsv(csv, 'text/csv; charset=utf-8');
    expect(imported.status).toBe(201);
    expect(imported.body).toEqual({
      accountId,
      from: monthStart.toISOString(),
      to: monthEnd.toISOString(),
      submittedSegments: 100,
      billedSegments: 100,
      errorPermille: 0,
      withinTolerance: true,
      statement: {
        statementId: expect.any(String),
        periodStart: monthStart.toISOString(),
        periodEnd: monthEnd.toISOString(),
        operatorSegments: 98,
        submittedSegments: 100,
        errorPermille: 20,
        withinTolerance: false,
        importedAt: expect.any(String),
      },
    });
    expect((await reconciliation(customerToken)).body).toEqual(imported.body);
    const again = await postCsv(csv);
    expect([again.status, again.body]).toEqual([200, imported.body]);
  });

  it('refuses a statement that is not CSV (415), a malformed one naming the line (400), and from anyone but an operator', async () => {
    const json = await callJson('POST', `${url}/v1/accounts/${accountId}/statements`, { csv: 'period_start,period_end,segments' });
    expect([json.status, json.body.code, json.contentType]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE', expect.stringContaining('application/problem+json')]);
    const plain = await postCsv('period_start,period_end,segments\n2026-11-01,2026-11-30,1\n', 'text/plain');
    expect([plain.status, plain.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const malformed = await postCsv('period_start,period_end,segments\n2026-11-01,2026-11-30,1\n2026-11-15,2026-12-31,x\n');
    expect([malformed.status, malformed.body.code, malformed.body.errors]).toEqual([400, 'VALIDATION_FAILED', [{ field: 'line 3', problems: ['segments must be a whole number from 0 to 1000000000000000'] }]]);
    expect(malformed.body.detail).toMatch(/^line 3: /);
    const empty = await fetch(`${url}/v1/accounts/${accountId}/statements`, { method: 'POST', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect([empty.status, ((await empty.json()) as { code: string }).code]).toEqual([400, 'VALIDATION_FAILED']);
    const byCustomer = await postCsv('period_start,period_end,segments\n2026-11-01,2026-11-30,1\n', 'text/csv', customerToken);
    expect([byCustomer.status, byCustomer.body.code]).toEqual([403, 'FORBIDDEN']);
    const unknown = await postCsv('period_start,period_end,segments\n2026-11-01,2026-11-30,1\n', 'text/csv', TEST_ADMIN_TOKEN, newId());
    expect([unknown.status, unknown.body.code]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
  });

  it("tells service credits what messages were charged: the account's billed messages only", async () => {
    const charges = running().get<MessageCharges>(MESSAGE_CHARGES);
    const prices = (await callJson('GET', `${url}/v1/prices`, undefined, null)).body.prices as Array<{ kind: string; country: string; operator?: string; unitPrice: string }>;
    const unitPrice = parseMoney(prices.find((p) => p.kind === 'notification' && p.country === 'CN' && !p.operator)?.unitPrice ?? '') as bigint;
    const [first, second] = messageIds;
    expect(await charges.chargesOf(accountId, [first, second, messageIds[MESSAGES], newId()])).toEqual(
      [
        { messageId: first, chargedMinor: 2n * unitPrice },
        { messageId: second, chargedMinor: 2n * unitPrice },
      ].sort((a, b) => a.messageId.localeCompare(b.messageId)),
    );
    expect(await charges.chargesOf(newId(), [first])).toEqual([]);
  });

  it('exports the ledger as CSV that reads back to the same entries as every JSON page', async () => {
    const response = await fetch(`${url}/v1/accounts/${accountId}/ledger`, { headers: { accept: 'text/csv', authorization: `Bearer ${customerToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...records] = readCsv(await response.text());
    const csvEntries = records.map((cells) => Object.fromEntries(header.map((column, i) => [column, cells[i]]).filter(([, value]) => value !== '')));

    const jsonEntries: Array<Record<string, unknown>> = [];
    for (let from = 0; ; ) {
      const page = await callJson('GET', `${url}/v1/accounts/${accountId}/ledger?fromRevision=${from}&limit=2`, undefined, customerToken);
      jsonEntries.push(...page.body.entries);
      if (page.body.nextFromRevision === undefined) break;
      from = page.body.nextFromRevision;
    }
    expect(jsonEntries.length).toBeGreaterThanOrEqual(4);
    const asCsv = (entry: Record<string, unknown>) =>
      Object.fromEntries(header.filter((column) => entry[column] !== undefined).map((column) => [column, Array.isArray(entry[column]) ? (entry[column] as string[]).join(';') : String(entry[column])]));
    expect(csvEntries).toEqual(jsonEntries.map(asCsv));
    expect(csvEntries.map((e) => e.type)).toEqual(expect.arrayContaining(['DEPOSIT', 'RESERVE', 'CAPTURE', 'RELEASE']));

    const foreign = await fetch(`${url}/v1/accounts/${accountId}/ledger`, { headers: { accept: 'text/csv', authorization: `Bearer ${otherToken}` } });
    expect([foreign.status, foreign.headers.get('content-type')]).toEqual([404, expect.stringContaining('application/problem+json')]);
    const json = await callJson('GET', `${url}/v1/accounts/${accountId}/ledger`, undefined, customerToken);
    expect(json.contentType).toMatch(/^application\/json/);
  });

  it('serves both over gRPC: ReconciliationService with the same answers, roles and errors', async () => {
    const definition = protoLoader.loadSync(protoFile('account.proto'), { keepCase: true, longs: String, enums: String, defaults: true });
    const { ReconciliationService } = (grpc.loadPackageDefinition(definition) as any).sms.account.v1;
    const client = new ReconciliationService(running().grpcUrl, grpc.credentials.createInsecure());
    try {
      const answer = await grpcUnary(client, 'GetReconciliation', { accountId }, customerToken);
      expect(answer).toMatchObject({ accountId, submittedSegments: '100', billedSegments: '100', errorPermille: 0, withinTolerance: true });
      expect(answer.statement).toMatchObject({ operatorSegments: '98', submittedSegments: '100', errorPermille: 20, withinTolerance: false });
      const imported = await grpcUnary(client, 'ImportStatement', { accountId, csv: `period_start,period_end,segments\n${monthStart.toISOString().slice(0, 10)},${lastDay},100\n` });
      expect(imported).toMatchObject({ created: true, reconciliation: { statement: { operatorSegments: '100', errorPermille: 0, withinTolerance: true } } });
      await expect(grpcUnary(client, 'ImportStatement', { accountId, csv: 'nope' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringContaining('VALIDATION_FAILED: line 1') });
      await expect(grpcUnary(client, 'ImportStatement', { accountId, csv: 'x' }, customerToken)).rejects.toMatchObject({ code: grpc.status.PERMISSION_DENIED });
      await expect(grpcUnary(client, 'GetReconciliation', { accountId }, otherToken)).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
      await expect(grpcUnary(client, 'GetReconciliation', { accountId, from: 'yesterday' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    } finally {
      client.close();
    }
  });

  it('keeps its figures across a restart: the captures checkpoint is durable and nothing is counted twice', async () => {
    const before = (await reconciliation()).body;
    await running().close();
    service = undefined;
    const db = openSqlite(join(dataDir, 'account-billing.db'));
    try {
      const checkpoint = db.prepare('SELECT position FROM checkpoints WHERE name = ?').get(BILLED_PROJECTION_NAME) as { position: string } | undefined;
      expect(checkpoint?.position).toMatch(/^\d+$/);
    } finally {
      db.close();
    }
    service = await boot(dataDir);
    url = service.url;
    expect((await reconciliation()).body).toEqual(before);
  }, 60_000);
});
