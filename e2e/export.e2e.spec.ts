import { ndjson, untar } from './support/archive';
import { auth, call, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import { eventually, freePort, RunningProcess, startProcess, tempDir } from './support/processes';
import { runWalkingSkeleton, SkeletonRun } from './support/scenario';

/** Downloading (terms §4): `GET /v1/accounts/{id}/export` as the customer meets it. */
describe('account data export', () => {
  let platform: RunningProcess & { match: RegExpMatchArray };
  let url: string;
  let run: SkeletonRun;
  let simulatorHttp: number;

  beforeAll(async () => {
    simulatorHttp = await freePort();
    platform = await startProcess(
      'apps/platform/src/main.js',
      { PORT: '0', GRPC_PORT: '0', SMPP_PORT: '0', DATA_DIR: tempDir('export'), HOST: '127.0.0.1', ADMIN_API_KEY: E2E_ADMIN_TOKEN, SIMULATOR_HTTP_PORT: String(simulatorHttp) },
      /REST API\s+(http:\/\/\S+)\/v1/,
    );
    url = platform.match[1];
    run = await runWalkingSkeleton({ accounts: url, review: url, dispatch: url }, E2E_ADMIN_TOKEN);
    await expectStatus(202, 'POST', `http://127.0.0.1:${simulatorHttp}/mo`, { from: run.phoneNumbers[2], to: '10690000', text: 'TD' });
    await eventually(async () => ((await expectStatus(200, 'GET', `${url}/v1/inbound-messages`, undefined, auth(run.customerToken))).items.length > 0 ? true : undefined), 'the reply');
    await expectStatus(201, 'POST', `${url}/v1/accounts/${run.accountId}/disclosures`, { recipient: 'Court', legalBasis: 'legal-request', scope: 'one batch', reference: 'EXP-1' }, auth(E2E_ADMIN_TOKEN));
  }, 120_000);
  afterAll(() => platform?.stop());

  it("streams every section of the account's data as a tar of NDJSON parts, manifest first and summary last", async () => {
    const response = await fetch(`${url}/v1/accounts/${run.accountId}/export`, { headers: auth(run.customerToken) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-tar');
    expect(response.headers.get('content-disposition')).toContain(`account-${run.accountId}-export.tar`);
    const files = await untar(Buffer.from(await response.arrayBuffer()));
    const names = [...files.keys()];
    expect(names[0]).toBe('manifest.json');
    expect(names[names.length - 1]).toBe('summary.json');

    const manifest = JSON.parse(files.get('manifest.json') as string);
    expect(manifest).toMatchObject({ format: 'sms-platform-export/1', accountId: run.accountId });
    expect(manifest.sections.map((s: { name: string }) => s.name).sort()).toEqual(
      ['account', 'api-keys', 'disclosures', 'inbound', 'ledger', 'messages', 'opt-outs', 'signatures', 'templates'].sort(),
    );

    expect(ndjson(files, 'account')).toEqual([expect.objectContaining({ accountId: run.accountId, contactEmail: 'ops@acme.example', balance: run.expectedBalance })]);
    const messages = ndjson(files, 'messages');
    expect(messages).toHaveLength(3);
    for (const message of messages) {
      expect(message).toMatchObject({ status: 'DELIVERED', segments: 2, batchId: run.batchId, outId: 'order-42', deliveredAt: expect.any(String), submittedAt: expect.any(String) });
      expect(message.content).toContain('SO20261123');
      expect(message.content.startsWith('【阿里云】')).toBe(true);
    }
    expect(messages.map((m) => m.phoneNumber).sort()).toEqual([...run.phoneNumbers].sort());
    expect(ndjson(files, 'ledger').map((e) => e.type)).toEqual(expect.arrayContaining(['DEPOSIT', 'RESERVE', 'CAPTURE']));
    expect(ndjson(files, 'inbound')).toEqual([expect.objectContaining({ phoneNumber: run.phoneNumbers[2], content: 'TD', optOut: true })]);
    expect(ndjson(files, 'opt-outs')).toEqual([expect.objectContaining({ phoneNumber: run.phoneNumbers[2], optedOutAt: expect.any(String) })]);
    expect(ndjson(files, 'signatures')).toEqual([expect.objectContaining({ signatureId: run.request.signatureId, name: '阿里云', status: 'APPROVED' })]);
    expect(ndjson(files, 'templates')).toEqual([expect.objectContaining({ templateId: run.request.templateId, status: 'APPROVED', content: expect.stringContaining('${order}') })]);
    expect(ndjson(files, 'disclosures')).toEqual([expect.objectContaining({ reference: 'EXP-1', legalBasis: 'legal-request' })]);
    const keys = ndjson(files, 'api-keys');
    expect(keys).toEqual([expect.objectContaining({ keyId: run.customerToken.split('.')[0], status: 'ACTIVE' })]);
    expect(JSON.stringify(keys)).not.toContain(run.customerToken.split('.')[1]);
    expect([...files.values()].join('')).not.toContain('verifier');

    const summary = JSON.parse(files.get('summary.json') as string);
    expect(summary).toMatchObject({ complete: true, sections: { messages: { rows: 3, parts: 1 }, account: { rows: 1 } } });
  });

  it('answers an unknown account 404 before streaming anything, and another tenant 404', async () => {
    const missing = await call('GET', `${url}/v1/accounts/nope/export`, undefined, auth(E2E_ADMIN_TOKEN));
    expect([missing.status, missing.body.code]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
    const other = await expectStatus(201, 'POST', `${url}/v1/accounts`, { name: 'Other', contactEmail: 'x@other.example' }, auth(E2E_ADMIN_TOKEN));
    const foreign = await call('GET', `${url}/v1/accounts/${run.accountId}/export`, undefined, auth(other.apiKey.token));
    expect([foreign.status, foreign.body.code]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
  });
});
