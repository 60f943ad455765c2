import { formatMoney } from '@sms/contracts';
import { auth, call, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import { eventually, freePort, type RunningProcess, startProcess, tempDir } from './support/processes';
import { openAccountWithSignature, priceOf } from './support/scenario';

const admin = auth(E2E_ADMIN_TOKEN);

/**
 * ADR 0033 on the embedded profile: DOMAIN §2 (terms §3.4, §5.2) — typed template variables checked at submission and
 * again per parameter at send time (a parameter cannot smuggle a number or a link), the signature and template lists,
 * and revocation: once a reviewer revokes an approved template or signature, dispatch refuses to send with it.
 */
describe('review workflow: typed variables, lists, revocation (embedded profile)', () => {
  const dataDir = tempDir('review-workflow');
  let platform: RunningProcess & { match: RegExpMatchArray };
  let url: string;
  let accountId: string;
  let customer: Record<string, string>;
  let signatureId: string;

  const approvedTemplate = async (content: string): Promise<string> => {
    const template = await expectStatus(201, 'POST', `${url}/v1/templates`, { name: 'notice', kind: 'notification', content }, customer);
    await expectStatus(200, 'POST', `${url}/v1/templates/${template.templateId}/decision`, { approve: true }, admin);
    return template.templateId;
  };
  const send = (templateId: string, params: Record<string, string>, sig = signatureId) =>
    call('POST', `${url}/v1/messages`, { signatureId: sig, templateId, params, phoneNumbers: ['13900139021'] }, customer);

  beforeAll(async () => {
    platform = await startProcess(
      'apps/platform/src/main.js',
      { PORT: '0', GRPC_PORT: String(await freePort()), SMPP_PORT: '0', SIMULATOR_HTTP_PORT: String(await freePort()), DATA_DIR: dataDir, HOST: '127.0.0.1', ADMIN_API_KEY: E2E_ADMIN_TOKEN },
      /REST API\s+(http:\/\/\S+)\/v1/,
    );
    url = platform.match[1];
    ({ accountId, customer, signatureId } = await openAccountWithSignature(url, admin, { name: 'Review Ltd', contactEmail: 'ops@review.example' }, { kind: 'trademark-certificate', reference: 'TM-88' }));
    await expectStatus(201, 'POST', `${url}/v1/accounts/${accountId}/deposits`, { amount: formatMoney(100n * (await priceOf(url, 'notification', 'CN'))), reference: 'wire-1' }, admin);
  }, 120_000);

  afterAll(() => {
    platform?.stop();
  });

  it('refuses a template variable of an unknown type at submission (400), and checks every parameter against its type at send time', async () => {
    const unknown = await call('POST', `${url}/v1/templates`, { name: 'bad', kind: 'notification', content: '您的订单${order:sku}已发货' }, customer);
    expect([unknown.status, unknown.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    const templateId = await approvedTemplate('${name}您好，您的订单${order}将于${due:date}送达。');
    // Accepted once dispatch's directory holds the approvals.
    await eventually(async () => {
      const sent = await send(templateId, { name: '张三', order: 'SO-7', due: '2026-12-01' });
      return sent.status === 202 ? sent : undefined;
    }, 'a typed send to be accepted');
    for (const params of [
      { name: '张三 138-0013-8000', order: 'SO-7', due: '2026-12-01' },
      { name: '张三', order: '点击 pay-now.top 领取', due: '2026-12-01' },
      { name: '张三', order: 'SO-7', due: 'tomorrow' },
    ]) {
      const refused = await send(templateId, params);
      expect([refused.status, refused.body.code, refused.contentType]).toEqual([400, 'TEMPLATE_PARAM_INVALID', expect.stringContaining('problem+json')]);
    }
  });

  it('lists the account\'s templates and signatures, and once revoked a template or a signature sends nothing more', async () => {
    const templateId = await approvedTemplate('您的订单${order}已发货。');
    await eventually(async () => ((await send(templateId, { order: 'SO-8' })).status === 202 ? true : undefined), 'the template to be usable');

    const revoked = await expectStatus(200, 'POST', `${url}/v1/templates/${templateId}/revocation`, { reason: 'violation confirmed' }, admin);
    expect(revoked).toMatchObject({ templateId, status: 'REVOKED', reason: 'violation confirmed' });
    const refused = await eventually(async () => {
      const sent = await send(templateId, { order: 'SO-9' });
      return sent.status === 422 ? sent : undefined;
    }, 'dispatch to learn the revocation');
    expect(refused.body.code).toBe('TEMPLATE_NOT_APPROVED');
    const forbidden = await call('POST', `${url}/v1/templates/${templateId}/revocation`, { reason: 'me' }, customer);
    expect(forbidden.status).toBe(403);

    const listed = await eventually(async () => {
      const page = await expectStatus(200, 'GET', `${url}/v1/templates?status=REVOKED`, undefined, customer);
      return page.items.length > 0 ? page : undefined;
    }, 'the list to show the revocation');
    expect(listed.items).toEqual([expect.objectContaining({ templateId, accountId, status: 'REVOKED', variables: ['order'] })]);
    const signatures = await expectStatus(200, 'GET', `${url}/v1/signatures`, undefined, customer);
    expect(signatures.items).toEqual([expect.objectContaining({ signatureId, status: 'APPROVED', documents: [{ kind: 'trademark-certificate', reference: 'TM-88' }] })]);
    const foreign = await call('GET', `${url}/v1/signatures?accountId=someone-else`, undefined, customer);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'ACCOUNT_NOT_FOUND']);

    const other = await approvedTemplate('您的订单${order}已签收。');
    await eventually(async () => ((await send(other, { order: 'SO-10' })).status === 202 ? true : undefined), 'the second template to be usable');
    await expectStatus(200, 'POST', `${url}/v1/signatures/${signatureId}/revocation`, { reason: 'IP complaint upheld' }, admin);
    const noSignature = await eventually(async () => {
      const sent = await send(other, { order: 'SO-11' });
      return sent.status === 422 ? sent : undefined;
    }, 'dispatch to learn the signature revocation');
    expect(noSignature.body.code).toBe('SIGNATURE_NOT_APPROVED');
  });
});
