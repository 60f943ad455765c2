import { formatMoney, parseMoney } from '@sms/contracts';
import { grpcClient, unary } from './support/grpc';
import { call, expectStatus } from './support/http';
import { eventually, freePort, RunningProcess, startProcess, tempDir } from './support/processes';
import { priceOf, runWalkingSkeleton, SkeletonRun } from './support/scenario';

/**
 * `npm start` as a newcomer runs it: one process, SQLite under DATA_DIR, in-process bus, bundled SMSC simulator.
 */
describe('embedded profile (one process)', () => {
  const dataDir = tempDir('embedded');
  let platform: RunningProcess & { match: RegExpMatchArray };
  let url: string;
  let grpcPort: number;
  let simulatorHttp: number;
  let run: SkeletonRun;

  const start = async () => {
    grpcPort = await freePort();
    simulatorHttp = await freePort();
    platform = await startProcess(
      'apps/platform/src/main.js',
      { PORT: '0', GRPC_PORT: String(grpcPort), SMPP_PORT: '0', DATA_DIR: dataDir, HOST: '127.0.0.1', SIMULATOR_HTTP_PORT: String(simulatorHttp) },
      /REST API\s+(http:\/\/\S+)\/v1/,
    );
    url = platform.match[1];
  };

  beforeAll(start, 60_000);
  afterAll(() => platform?.stop());

  it('prints where the API and docs are, and serves OpenAPI at /docs', async () => {
    expect(platform.output()).toMatch(/OpenAPI\s+http:\/\/\S+\/docs/);
    const openapi = await expectStatus(200, 'GET', `${url}/docs/openapi.json`);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/v1/accounts', '/v1/messages', '/v1/templates', '/v1/signatures']));
    const asyncapi = await expectStatus(200, 'GET', `${url}/docs/asyncapi.json`);
    expect(Object.values(asyncapi.channels).map((c: any) => c.address)).toEqual(expect.arrayContaining(['sms.delivery-receipts', 'sms.inbound']));
  });

  it('sends an SMS end to end and bills exactly price × segments', async () => {
    run = await runWalkingSkeleton({ accounts: url, review: url, dispatch: url });
    const message = await expectStatus(200, 'GET', `${url}/v1/messages/${run.messageIds[0]}`);
    expect(message).toMatchObject({ status: 'DELIVERED', segments: 2, accountId: run.accountId, batchId: run.batchId, operator: 'CMCC' });
    expect(message.submittedAt).toEqual(expect.any(String));
    expect(message.deliveredAt).toEqual(expect.any(String));
  }, 60_000);

  it('answers a retried request with the same Idempotency-Key with the original batch, sending nothing twice', async () => {
    const again = await expectStatus(202, 'POST', `${url}/v1/messages`, run.request, { 'Idempotency-Key': run.idempotencyKey });
    expect(again.batchId).toBe(run.batchId);
    expect(again.messages.map((m: { messageId: string }) => m.messageId)).toEqual(run.messageIds);
    const list = await expectStatus(200, 'GET', `${url}/v1/messages?accountId=${run.accountId}`);
    expect(list.items).toHaveLength(3);

    const reused = await call('POST', `${url}/v1/messages`, { ...run.request, outId: 'another' }, { 'Idempotency-Key': run.idempotencyKey });
    expect(reused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
  });

  it('serves the message over gRPC too', async () => {
    const client = grpcClient(`127.0.0.1:${grpcPort}`, 'dispatch.proto', 'sms.dispatch.v1', 'DispatchService');
    const message = await unary<any>(client, 'GetMessage', { messageId: run.messageIds[1] });
    expect(message).toMatchObject({ messageId: run.messageIds[1], status: 'DELIVERED', segments: 2, operator: 'CUCC' });
    await expect(unary(client, 'GetMessage', { messageId: 'nope' })).rejects.toMatchObject({ code: 5 });

    // A whole send over gRPC: the same handlers as REST, on the same port as the other packages.
    const sent = await unary<any>(client, 'SendMessages', {
      accountId: run.accountId,
      signatureId: run.request.signatureId,
      templateId: run.request.templateId,
      params: { order: 'SO-GRPC-1' },
      phoneNumbers: ['13800138111', 'not-a-number'],
    });
    expect(sent.messages).toEqual([expect.objectContaining({ phoneNumber: '+8613800138111', segments: 2, status: 'ACCEPTED' })]);
    expect(sent.rejected).toEqual([expect.objectContaining({ phoneNumber: 'not-a-number', code: 'INVALID_PHONE_NUMBER' })]);
    await expect(unary(client, 'SendMessages', { accountId: run.accountId, phoneNumbers: [] })).rejects.toMatchObject({ code: 3 });
    client.close();

    const accounts = grpcClient(`127.0.0.1:${grpcPort}`, 'account.proto', 'sms.account.v1', 'AccountService');
    const account = await unary<any>(accounts, 'GetAccount', { accountId: run.accountId });
    expect(account).toMatchObject({ accountId: run.accountId, status: 'ACTIVE', currency: 'CNY' });
    accounts.close();
  });

  it('answers bad input with problem+json and a stable code', async () => {
    const invalid = await call('POST', `${url}/v1/messages`, { accountId: run.accountId, phoneNumbers: [] });
    expect(invalid.status).toBe(400);
    expect(invalid.contentType).toContain('application/problem+json');
    expect(invalid.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', title: expect.any(String), type: expect.any(String) });

    const malformed = await call('POST', `${url}/v1/accounts`, '{"name":', {});
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');

    const missing = await call('GET', `${url}/v1/messages/00000000-0000-0000-0000-000000000000`);
    expect(missing).toMatchObject({ status: 404, body: { code: 'MESSAGE_NOT_FOUND' } });

    const unknownAccount = await call('GET', `${url}/v1/accounts/nope`);
    expect(unknownAccount).toMatchObject({ status: 404, body: { code: 'ACCOUNT_NOT_FOUND' } });
  });

  it('routes a reply from a phone to the account that wrote to it, as an opt-out', async () => {
    await expectStatus(202, 'POST', `http://127.0.0.1:${simulatorHttp}/mo`, { from: run.phoneNumbers[1], to: '10690000', text: 'STOP' });
    const inbound = await eventually(async () => {
      const page = await expectStatus(200, 'GET', `${url}/v1/inbound-messages?accountId=${run.accountId}`);
      return page.items.length > 0 ? page.items : undefined;
    }, 'the reply in GET /v1/inbound-messages');
    expect(inbound).toEqual([expect.objectContaining({ phoneNumber: run.phoneNumbers[1], content: 'STOP', optOut: true, accountId: run.accountId })]);
  });

  it.each([
    ['POST', '/v1/accounts', 400, 'VALIDATION_FAILED', { name: '' }],
    ['POST', '/v1/accounts', 400, 'VALIDATION_FAILED', { name: 'x', contactEmail: 'not-an-email' }],
    ['POST', '/v1/accounts/nope/deposits', 404, 'ACCOUNT_NOT_FOUND', { amount: '10.00', reference: 'r' }],
    ['POST', '/v1/accounts/{account}/deposits', 400, 'INVALID_AMOUNT', { amount: '-1', reference: 'r' }],
    ['POST', '/v1/accounts/{account}/deposits', 400, 'INVALID_AMOUNT', { amount: '1.23456', reference: 'r' }],
    ['GET', '/v1/accounts/nope/ledger', 404, 'ACCOUNT_NOT_FOUND', undefined],
    ['POST', '/v1/signatures', 400, 'VALIDATION_FAILED', { accountId: '{account}', name: 'x', purpose: 'company', documents: [] }],
    ['GET', '/v1/signatures/nope', 404, 'SIGNATURE_NOT_FOUND', undefined],
    ['POST', '/v1/templates', 400, 'VALIDATION_FAILED', { accountId: '{account}', name: 't', kind: 'telegram', content: 'x' }],
    ['GET', '/v1/templates/nope', 404, 'TEMPLATE_NOT_FOUND', undefined],
    ['POST', '/v1/templates/nope/decision', 404, 'TEMPLATE_NOT_FOUND', { approve: true }],
    ['POST', '/v1/screenings', 400, 'VALIDATION_FAILED', { content: 42 }],
    ['POST', '/v1/messages', 400, 'VALIDATION_FAILED', { accountId: '{account}', signatureId: 's', templateId: 't', params: {}, phoneNumbers: Array(1001).fill('13800138000') }],
    ['POST', '/v1/messages', 404, 'ACCOUNT_NOT_FOUND', { accountId: 'nope', signatureId: 's', templateId: 't', params: {}, phoneNumbers: ['13800138000'] }],
    ['POST', '/v1/messages', 404, 'SIGNATURE_NOT_FOUND', { accountId: '{account}', signatureId: 'nope', templateId: 't', params: {}, phoneNumbers: ['13800138000'] }],
    ['GET', '/v1/messages', 400, 'VALIDATION_FAILED', undefined],
    ['GET', '/v1/messages?accountId={account}&cursor=garbage', 400, 'VALIDATION_FAILED', undefined],
    ['GET', '/v1/inbound-messages', 400, 'VALIDATION_FAILED', undefined],
    ['GET', '/v1/no-such-route', 404, 'NOT_FOUND', undefined],
  ] as const)('%s %s with bad input → %i %s as problem+json', async (method, path, status, code, body) => {
    const fill = (text: string) => text.replace('{account}', run.accountId);
    const payload = body === undefined ? undefined : JSON.parse(fill(JSON.stringify(body)));
    const response = await call(method, `${url}${fill(path)}`, payload);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
    expect(response.status).toBe(status);
  });

  it('replays the ledger to the same balance after a restart, and keeps every message', async () => {
    // The gRPC test sent one more message: wait until it settled, then compare across the restart.
    const settled = await eventually(async () => {
      const a = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}`);
      return a.reserved === '0.0000' ? a : undefined;
    }, 'nothing reserved');
    expect(parseMoney(settled.balance)).toBeLessThan(parseMoney(run.expectedBalance) as bigint);
    const before = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}/ledger`);
    await platform.stop();
    await start();
    const account = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}`);
    expect(account).toMatchObject({ balance: settled.balance, reserved: '0.0000', available: settled.balance, status: 'ACTIVE' });
    expect(await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}/ledger`)).toEqual(before);
    for (const id of run.messageIds) {
      expect(await expectStatus(200, 'GET', `${url}/v1/messages/${id}`)).toMatchObject({ status: 'DELIVERED' });
    }
  }, 90_000);

  it('loses no accepted message and no money when the process is killed (SIGKILL) mid-stream', async () => {
    const request = { ...run.request, outId: 'crash', phoneNumbers: Array.from({ length: 300 }, (_, i) => `1390000${String(i).padStart(4, '0')}`) };
    const before = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}`);
    const accepted = await expectStatus(202, 'POST', `${url}/v1/messages`, request, { 'Idempotency-Key': 'crash-test' });
    expect(accepted.messages).toHaveLength(300);
    platform.child.kill('SIGKILL');
    await new Promise((resolve) => platform.child.once('exit', resolve));

    await start();
    for (const { messageId } of accepted.messages) {
      await eventually(async () => {
        const message = await expectStatus(200, 'GET', `${url}/v1/messages/${messageId}`);
        return message.status === 'DELIVERED' ? message : undefined;
      }, `message ${messageId} delivered after the crash`);
    }
    const price = await priceOf(url, 'notification', 'CN');
    const expected = formatMoney((parseMoney(before.balance) as bigint) - price * 2n * 300n);
    await eventually(async () => {
      const account = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}`);
      return account.balance === expected && account.reserved === '0.0000' ? account : undefined;
    }, `balance ${expected} after the crash`);
  }, 120_000);
});
