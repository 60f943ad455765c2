import { formatMoney, parseMoney } from '@sms/contracts';
import { grpcClient, unary } from './support/grpc';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { auth, call, expectStatus } from './support/http';
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
  /** The bootstrap key the first start generated and printed. */
  let adminToken: string;
  const admin = () => auth(adminToken);
  const customer = () => auth(run.customerToken);

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

  it('generates the admin key on the first start, prints it once, keeps it in DATA_DIR (0600) and prints only where it is after', async () => {
    const printed = platform.output().match(/admin key\s+(adm_\S+)\s+\(generated now/);
    expect(printed).not.toBeNull();
    adminToken = (printed as RegExpMatchArray)[1];
    const file = join(dataDir, 'admin-api-key');
    expect(readFileSync(file, 'utf8').trim()).toBe(adminToken);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await call('GET', `${url}/v1/staff-keys`, undefined, admin())).status).toBe(200);
    expect((await call('GET', `${url}/v1/staff-keys`)).status).toBe(401);
  });

  it('prints where the API and docs are, and serves OpenAPI at /docs', async () => {
    expect(platform.output()).toMatch(/OpenAPI\s+http:\/\/\S+\/docs/);
    const openapi = await expectStatus(200, 'GET', `${url}/docs/openapi.json`);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/v1/accounts', '/v1/messages', '/v1/templates', '/v1/signatures']));
    const asyncapi = await expectStatus(200, 'GET', `${url}/docs/asyncapi.json`);
    expect(Object.values(asyncapi.channels).map((c: any) => c.address)).toEqual(expect.arrayContaining(['sms.delivery-receipts', 'sms.inbound']));
  });

  it('sends an SMS end to end and bills exactly price × segments', async () => {
    run = await runWalkingSkeleton({ accounts: url, review: url, dispatch: url }, adminToken);
    const message = await expectStatus(200, 'GET', `${url}/v1/messages/${run.messageIds[0]}`, undefined, customer());
    // China Mobile's number went out over CMPP, the default routing (ADR 0042); the China Unicom one below over SMPP.
    expect(message).toMatchObject({ status: 'DELIVERED', segments: 2, accountId: run.accountId, batchId: run.batchId, operator: 'CMCC', channel: 'cmpp-default' });
    // Its own account reads what it said; staff read how it fared, not its text.
    expect(message.content).toMatch(/^【阿里云】尊敬的客户，您的订单SO20261123已经发货/);
    const asStaff = await expectStatus(200, 'GET', `${url}/v1/messages/${run.messageIds[0]}`, undefined, admin());
    expect(asStaff).toMatchObject({ status: 'DELIVERED', channel: 'cmpp-default' });
    expect(asStaff).not.toHaveProperty('content');
    expect(message.submittedAt).toEqual(expect.any(String));
    expect(message.deliveredAt).toEqual(expect.any(String));
  }, 60_000);

  it('answers a retried request with the same Idempotency-Key with the original batch, sending nothing twice', async () => {
    const again = await expectStatus(202, 'POST', `${url}/v1/messages`, run.request, { 'Idempotency-Key': run.idempotencyKey, ...customer() });
    expect(again.batchId).toBe(run.batchId);
    expect(again.messages.map((m: { messageId: string }) => m.messageId)).toEqual(run.messageIds);
    const list = await expectStatus(200, 'GET', `${url}/v1/messages?accountId=${run.accountId}`, undefined, customer());
    expect(list.items).toHaveLength(3);

    const reused = await call('POST', `${url}/v1/messages`, { ...run.request, outId: 'another' }, { 'Idempotency-Key': run.idempotencyKey, ...customer() });
    expect(reused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
  });

  it('serves the message over gRPC too', async () => {
    const client = grpcClient(`127.0.0.1:${grpcPort}`, 'dispatch.proto', 'sms.dispatch.v1', 'DispatchService');
    const message = await unary<any>(client, 'GetMessage', { messageId: run.messageIds[1] }, run.customerToken);
    expect(message).toMatchObject({ messageId: run.messageIds[1], status: 'DELIVERED', segments: 2, operator: 'CUCC', channel: 'smpp-default' });
    expect(message.content).toMatch(/^【阿里云】/);
    expect((await unary<any>(client, 'GetMessage', { messageId: run.messageIds[1] }, adminToken)).content).toBe('');
    await expect(unary(client, 'GetMessage', { messageId: 'nope' }, run.customerToken)).rejects.toMatchObject({ code: 5 });
    await expect(unary(client, 'GetMessage', { messageId: run.messageIds[1] })).rejects.toMatchObject({ code: 16 });
    // The list mirrors GET /v1/messages: filters, pages, the customer's key implies its account.
    const page = await unary<any>(client, 'ListMessages', { phoneNumber: '138 0013 8000', limit: 5 }, run.customerToken);
    expect(page.items.map((m: { messageId: string }) => m.messageId)).toEqual([run.messageIds[0]]);
    const first = await unary<any>(client, 'ListMessages', { limit: 2 }, run.customerToken);
    expect(first.items).toHaveLength(2);
    const second = await unary<any>(client, 'ListMessages', { limit: 2, cursor: first.nextCursor }, run.customerToken);
    expect(second.items.map((m: { messageId: string }) => m.messageId)).toEqual([run.messageIds[2]]);
    await expect(unary(client, 'ListMessages', { from: 'yesterday' }, run.customerToken)).rejects.toMatchObject({ code: 3 });

    // A whole send over gRPC: the same handlers as REST, on the same port as the other packages.
    const sent = await unary<any>(client, 'SendMessages', {
      accountId: run.accountId,
      signatureId: run.request.signatureId,
      templateId: run.request.templateId,
      params: { order: 'SO-GRPC-1' },
      phoneNumbers: ['13800138111', 'not-a-number'],
    }, run.customerToken);
    expect(sent.messages).toEqual([expect.objectContaining({ phoneNumber: '+8613800138111', segments: 2, status: 'ACCEPTED' })]);
    expect(sent.rejected).toEqual([expect.objectContaining({ phoneNumber: 'not-a-number', code: 'INVALID_PHONE_NUMBER' })]);
    await expect(unary(client, 'SendMessages', { accountId: run.accountId, phoneNumbers: [] }, run.customerToken)).rejects.toMatchObject({ code: 3 });
    client.close();

    const accounts = grpcClient(`127.0.0.1:${grpcPort}`, 'account.proto', 'sms.account.v1', 'AccountService');
    const account = await unary<any>(accounts, 'GetAccount', { accountId: run.accountId }, adminToken);
    expect(account).toMatchObject({ accountId: run.accountId, status: 'ACTIVE', currency: 'CNY' });
    accounts.close();
  });

  it('answers bad input with problem+json and a stable code', async () => {
    const invalid = await call('POST', `${url}/v1/messages`, { accountId: run.accountId, phoneNumbers: [] }, customer());
    expect(invalid.status).toBe(400);
    expect(invalid.contentType).toContain('application/problem+json');
    expect(invalid.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', title: expect.any(String), type: expect.any(String) });

    const malformed = await call('POST', `${url}/v1/accounts`, '{"name":', admin());
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');

    const missing = await call('GET', `${url}/v1/messages/00000000-0000-0000-0000-000000000000`, undefined, customer());
    expect(missing).toMatchObject({ status: 404, body: { code: 'MESSAGE_NOT_FOUND' } });

    const unknownAccount = await call('GET', `${url}/v1/accounts/nope`, undefined, admin());
    expect(unknownAccount).toMatchObject({ status: 404, body: { code: 'ACCOUNT_NOT_FOUND' } });
  });

  it('routes a reply from a phone to the account that wrote to it, as an opt-out', async () => {
    await expectStatus(202, 'POST', `http://127.0.0.1:${simulatorHttp}/mo`, { from: run.phoneNumbers[1], to: '10690000', text: 'STOP' });
    const inbound = await eventually(async () => {
      const page = await expectStatus(200, 'GET', `${url}/v1/inbound-messages`, undefined, customer());
      return page.items.length > 0 ? page.items : undefined;
    }, 'the reply in GET /v1/inbound-messages');
    expect(inbound).toEqual([expect.objectContaining({ phoneNumber: run.phoneNumbers[1], content: 'STOP', optOut: true, accountId: run.accountId })]);
  });

  it("sends marketing only with consent, and honours the opt-out: that number is left out (OPTED_OUT), its notices still reach it; listed, and re-admitted", async () => {
    const optedOut = run.phoneNumbers[1];
    const marketing = await expectStatus(201, 'POST', `${url}/v1/templates`, { name: 'sale', kind: 'marketing', content: '会员日全场五折，拒收请回复R' }, customer());
    await expectStatus(200, 'POST', `${url}/v1/templates/${marketing.templateId}/decision`, { approve: true }, admin());
    const consent = { basis: 'opt-in', reference: 'members-2026' };
    const send = (templateId: string, phoneNumbers: string[], params: Record<string, string> = {}, extra: object = { consent }) =>
      eventually(async () => {
        const response = await call('POST', `${url}/v1/messages`, { signatureId: run.request.signatureId, templateId, params, phoneNumbers, ...extra }, customer());
        return response.status === 404 ? undefined : response;
      }, 'dispatch to know the template');
    // Marketing goes out only under a consent attestation.
    expect((await send(marketing.templateId, ['13900139002'], {}, {})).body.code).toBe('CONSENT_REQUIRED');
    const sale = await send(marketing.templateId, [optedOut, '13900139001']);
    expect(sale.status).toBe(202);
    expect(sale.body.messages.map((m: { phoneNumber: string }) => m.phoneNumber)).toEqual(['+8613900139001']);
    expect(sale.body.rejected).toEqual([expect.objectContaining({ phoneNumber: optedOut, code: 'OPTED_OUT' })]);
    const notice = await send(run.request.templateId as string, [optedOut], { order: 'SO-OPT-1' }, {});
    expect(notice.body.messages).toHaveLength(1);

    const list = await expectStatus(200, 'GET', `${url}/v1/opt-outs`, undefined, customer());
    expect(list.items).toEqual([expect.objectContaining({ phoneNumber: optedOut, optedOutAt: expect.any(String), signatureId: run.request.signatureId })]);
    // Re-admitted in another notation than it was listed in; then marketing reaches it again.
    await expectStatus(204, 'DELETE', `${url}/v1/opt-outs/${encodeURIComponent(optedOut.replace('+86', ''))}`, undefined, customer());
    expect((await call('DELETE', `${url}/v1/opt-outs/${encodeURIComponent(optedOut)}`, undefined, customer())).body.code).toBe('OPT_OUT_NOT_FOUND');
    expect((await expectStatus(200, 'GET', `${url}/v1/opt-outs`, undefined, customer())).items).toEqual([]);
    const again = await send(marketing.templateId, [optedOut]);
    expect(again.body.messages).toHaveLength(1);
  });

  it.each([
    ['admin', 'POST', '/v1/accounts', 400, 'VALIDATION_FAILED', { name: '' }],
    ['admin', 'POST', '/v1/accounts', 400, 'VALIDATION_FAILED', { name: 'x', contactEmail: 'not-an-email' }],
    ['admin', 'POST', '/v1/accounts/nope/deposits', 404, 'ACCOUNT_NOT_FOUND', { amount: '10.00', reference: 'r' }],
    ['admin', 'POST', '/v1/accounts/{account}/deposits', 400, 'INVALID_AMOUNT', { amount: '-1', reference: 'r' }],
    ['admin', 'POST', '/v1/accounts/{account}/deposits', 400, 'INVALID_AMOUNT', { amount: '1.23456', reference: 'r' }],
    ['admin', 'GET', '/v1/accounts/nope/ledger', 404, 'ACCOUNT_NOT_FOUND', undefined],
    ['customer', 'POST', '/v1/signatures', 400, 'VALIDATION_FAILED', { name: 'x', purpose: 'company', documents: [] }],
    ['admin', 'POST', '/v1/signatures', 400, 'VALIDATION_FAILED', { name: '阿里云', purpose: 'company', documents: [{ kind: 'business-licence', reference: 'BL-1' }] }],
    ['customer', 'GET', '/v1/signatures/nope', 404, 'SIGNATURE_NOT_FOUND', undefined],
    ['customer', 'POST', '/v1/templates', 400, 'VALIDATION_FAILED', { accountId: '{account}', name: 't', kind: 'telegram', content: 'x' }],
    ['customer', 'GET', '/v1/templates/nope', 404, 'TEMPLATE_NOT_FOUND', undefined],
    ['admin', 'POST', '/v1/templates/nope/decision', 404, 'TEMPLATE_NOT_FOUND', { approve: true }],
    ['customer', 'POST', '/v1/screenings', 400, 'VALIDATION_FAILED', { content: 42 }],
    ['customer', 'POST', '/v1/messages', 400, 'VALIDATION_FAILED', { signatureId: 's', templateId: 't', params: {}, phoneNumbers: Array(1001).fill('13800138000') }],
    ['customer', 'POST', '/v1/messages', 404, 'ACCOUNT_NOT_FOUND', { accountId: 'nope', signatureId: 's', templateId: 't', params: {}, phoneNumbers: ['13800138000'] }],
    ['customer', 'POST', '/v1/messages', 404, 'SIGNATURE_NOT_FOUND', { accountId: '{account}', signatureId: 'nope', templateId: 't', params: {}, phoneNumbers: ['13800138000'] }],
    ['admin', 'GET', '/v1/messages', 400, 'VALIDATION_FAILED', undefined],
    ['customer', 'GET', '/v1/messages?cursor=garbage', 400, 'VALIDATION_FAILED', undefined],
    ['admin', 'GET', '/v1/inbound-messages', 400, 'VALIDATION_FAILED', undefined],
    ['customer', 'GET', '/v1/no-such-route', 404, 'NOT_FOUND', undefined],
  ] as const)('as %s, %s %s with bad input → %i %s as problem+json', async (who, method, path, status, code, body) => {
    const fill = (text: string) => text.replace('{account}', run.accountId);
    const payload = body === undefined ? undefined : JSON.parse(fill(JSON.stringify(body)));
    const response = await call(method, `${url}${fill(path)}`, payload, who === 'admin' ? admin() : customer());
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
    expect(response.status).toBe(status);
  });

  it('replays the ledger to the same balance after a restart, and keeps every message', async () => {
    // The gRPC test sent one more message: wait until it settled, then compare across the restart.
    const settled = await eventually(async () => {
      const a = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}`, undefined, customer());
      return a.reserved === '0.0000' ? a : undefined;
    }, 'nothing reserved');
    expect(parseMoney(settled.balance)).toBeLessThan(parseMoney(run.expectedBalance) as bigint);
    const before = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}/ledger`, undefined, customer());
    await platform.stop();
    await start();
    // The key is kept, not printed again; the customer's key still works.
    expect(platform.output()).toMatch(/admin key\s+in \S+admin-api-key \(mode 0600/);
    expect(platform.output()).not.toContain(adminToken);
    const account = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}`, undefined, customer());
    expect(account).toMatchObject({ balance: settled.balance, reserved: '0.0000', available: settled.balance, status: 'ACTIVE' });
    expect(await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}/ledger`, undefined, admin())).toEqual(before);
    for (const id of run.messageIds) {
      expect(await expectStatus(200, 'GET', `${url}/v1/messages/${id}`, undefined, customer())).toMatchObject({ status: 'DELIVERED' });
    }
  }, 90_000);

  it('loses no accepted message and no money when the process is killed (SIGKILL) mid-stream', async () => {
    const request = { ...run.request, outId: 'crash', phoneNumbers: Array.from({ length: 300 }, (_, i) => `1390000${String(i).padStart(4, '0')}`) };
    const before = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}`, undefined, customer());
    const accepted = await expectStatus(202, 'POST', `${url}/v1/messages`, request, { 'Idempotency-Key': 'crash-test', ...customer() });
    expect(accepted.messages).toHaveLength(300);
    platform.child.kill('SIGKILL');
    await new Promise((resolve) => platform.child.once('exit', resolve));

    await start();
    for (const { messageId } of accepted.messages) {
      await eventually(async () => {
        const message = await expectStatus(200, 'GET', `${url}/v1/messages/${messageId}`, undefined, customer());
        return message.status === 'DELIVERED' ? message : undefined;
      }, `message ${messageId} delivered after the crash`);
    }
    const price = await priceOf(url, 'notification', 'CN');
    const expected = formatMoney((parseMoney(before.balance) as bigint) - price * 2n * 300n);
    await eventually(async () => {
      const account = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}`, undefined, customer());
      return account.balance === expected && account.reserved === '0.0000' ? account : undefined;
    }, `balance ${expected} after the crash`);
  }, 120_000);
});
