import { grpcClient, unary } from './support/grpc';
import { auth, call, E2E_ADMIN_TOKEN, expectStatus, type JsonResponse } from './support/http';
import { eventually, freePort, type RunningProcess, startProcess, tempDir } from './support/processes';
import { runWalkingSkeleton, type SkeletonRun } from './support/scenario';

const admin = auth(E2E_ADMIN_TOKEN);
const MINUTE = 60_000;
const SHANGHAI_OFFSET = 8 * 60 * MINUTE;

/** A marketing window that opens two hours from now in Shanghai (UTC+8, no DST) and lasts an hour: now is outside it. */
function windowOpeningInTwoHours(now: number): { setting: string; opensAt: string } {
  const startOfMinute = Math.floor(now / MINUTE) * MINUTE;
  const opens = new Date(startOfMinute + SHANGHAI_OFFSET + 120 * MINUTE);
  const hhmm = (d: Date) => `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return { setting: `${hhmm(opens)}-${hhmm(new Date(opens.getTime() + 60 * MINUTE))}`, opensAt: new Date(startOfMinute + 120 * MINUTE).toISOString() };
}

/**
 * ADR 0022 black-box on the embedded profile: the harassment guard (FREQUENCY_LIMITED per recipient, the whole request
 * when every recipient is limited, REST and gRPC), the account's request rate shared by its keys (429 RATE_LIMITED with
 * Retry-After), and the marketing send window (held as SCHEDULED until it opens, or OUTSIDE_SEND_WINDOW when asked).
 */
describe('recipient protection (embedded profile)', () => {
  const dataDir = tempDir('recipient-protection');
  const window = windowOpeningInTwoHours(Date.now());
  let platform: RunningProcess & { match: RegExpMatchArray };
  let url: string;
  let grpcPort: number;
  let run: SkeletonRun;
  let customer: Record<string, string>;

  beforeAll(async () => {
    grpcPort = await freePort();
    platform = await startProcess(
      'apps/platform/src/main.js',
      {
        PORT: '0',
        GRPC_PORT: String(grpcPort),
        SMPP_PORT: '0',
        SIMULATOR_HTTP_PORT: String(await freePort()),
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        ADMIN_API_KEY: E2E_ADMIN_TOKEN,
        ACCOUNT_SEND_RATE: '1',
        ACCOUNT_SEND_BURST: '5',
        MARKETING_SEND_WINDOW: window.setting,
      },
      /REST API\s+(http:\/\/\S+)\/v1/,
    );
    url = platform.match[1];
    run = await runWalkingSkeleton({ accounts: url, review: url, dispatch: url }, E2E_ADMIN_TOKEN);
    customer = auth(run.customerToken);
  }, 120_000);

  afterAll(() => platform?.stop());

  /** A template of the account, approved and known to dispatch. */
  const approvedTemplate = async (kind: string, content: string, params: Record<string, string>) => {
    const { templateId } = await expectStatus(201, 'POST', `${url}/v1/templates`, { name: kind, kind, content }, customer);
    await expectStatus(200, 'POST', `${url}/v1/templates/${templateId}/decision`, { approve: true }, admin);
    // Dispatch learns of the approval from an event (TEMPLATE_NOT_FOUND or _NOT_APPROVED until then); a number that is none probes it.
    await eventually(async () => (/^TEMPLATE_/.test((await send({ templateId, params, phoneNumbers: ['not-a-number'] })).body.code) ? undefined : true), `dispatch to know template ${templateId}`);
    return templateId;
  };

  /** POST /v1/messages with the customer key, waiting out the account's request rate (this suite sets it to 1/s). */
  async function send(body: Record<string, unknown>, key = customer): Promise<JsonResponse> {
    for (;;) {
      const response = await call('POST', `${url}/v1/messages`, { signatureId: run.request.signatureId, ...body }, key);
      if (response.status !== 429) return response;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  it('rejects a second verification code to a number within a minute (FREQUENCY_LIMITED) and sends to the other number of the request', async () => {
    const otp = await approvedTemplate('verification', '您的验证码为${code}，5分钟内有效。', { code: '1' });
    const first = await send({ templateId: otp, params: { code: '123456' }, phoneNumbers: ['13900139123'] });
    expect(first).toMatchObject({ status: 202, body: { messages: [expect.objectContaining({ phoneNumber: '+8613900139123', status: 'ACCEPTED' })] } });

    const second = await send({ templateId: otp, params: { code: '654321' }, phoneNumbers: ['+86 139 0013 9123', '13900139124'] });
    expect(second.status).toBe(202);
    expect(second.body.messages).toEqual([expect.objectContaining({ phoneNumber: '+8613900139124', status: 'ACCEPTED' })]);
    expect(second.body.rejected).toEqual([{ phoneNumber: '+86 139 0013 9123', code: 'FREQUENCY_LIMITED', detail: expect.stringMatching(/verification 1\/1m .* frees up at \S+Z$/) }]);

    // Every recipient limited: the request as a whole, on REST and on gRPC.
    const all = await send({ templateId: otp, params: { code: '111111' }, phoneNumbers: ['13900139123', '13900139124'] });
    expect(all).toMatchObject({ status: 422, body: { code: 'FREQUENCY_LIMITED' } });
    const client = grpcClient(`127.0.0.1:${grpcPort}`, 'dispatch.proto', 'sms.dispatch.v1', 'DispatchService');
    const grpcSend = () => unary(client, 'SendMessages', { signatureId: run.request.signatureId, templateId: otp, params: { code: '222222' }, phoneNumbers: ['13900139123'] }, run.customerToken);
    // RESOURCE_EXHAUSTED (RATE_LIMITED) is the account's request rate: wait it out as send() does.
    const refusal = await eventually(async () => {
      const error = await grpcSend().then(() => new Error('sent'), (e: { code: number; details: string }) => e);
      return (error as { code?: number }).code === 8 ? undefined : error;
    }, 'a gRPC send within the account’s request rate');
    expect(refusal).toMatchObject({ code: 9, details: expect.stringMatching(/^FREQUENCY_LIMITED: /) });
    client.close();
  }, 60_000);

  it('holds marketing asked for outside the send window until it opens (SCHEDULED), or refuses it OUTSIDE_SEND_WINDOW when the request says so', async () => {
    const sale = await approvedTemplate('marketing', '会员日全场五折，拒收请回复R', {});
    const consent = { basis: 'opt-in', reference: 'members-2026' };
    const refused = await send({ templateId: sale, params: {}, consent, phoneNumbers: ['13900139200'], outsideWindow: 'reject' });
    expect(refused).toMatchObject({ status: 422, body: { code: 'OUTSIDE_SEND_WINDOW', detail: expect.stringContaining(`the window opens at ${window.opensAt}`) } });

    const held = await send({ templateId: sale, params: {}, consent, phoneNumbers: ['13900139200'] });
    expect(held).toMatchObject({ status: 202, body: { messages: [expect.objectContaining({ phoneNumber: '+8613900139200', status: 'SCHEDULED' })] } });
    const message = await eventually(async () => {
      const found = await call('GET', `${url}/v1/messages/${held.body.messages[0].messageId}`, undefined, customer);
      return found.status === 200 ? found.body : undefined;
    }, 'the scheduled message in the read model');
    expect(message).toMatchObject({ status: 'SCHEDULED', scheduledAt: window.opensAt });
  }, 60_000);

  it('limits send requests per account, whichever of its keys sends them: 429 RATE_LIMITED with Retry-After', async () => {
    const second = await expectStatus(201, 'POST', `${url}/v1/accounts/${run.accountId}/api-keys`, { label: 'second system' }, customer);
    const keys = [customer, auth(second.token)];
    // The new key reaches dispatch by an event; a refused body spends no request of the account.
    await eventually(async () => ((await call('POST', `${url}/v1/messages`, {}, keys[1])).status === 400 ? true : undefined), 'dispatch to know the second key');
    const request = { signatureId: run.request.signatureId, templateId: run.request.templateId, params: { order: 'RATE-1' } };
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        fetch(`${url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...keys[i % 2] }, body: JSON.stringify({ ...request, phoneNumbers: [`1390013${String(9300 + i)}`] }) }),
      ),
    );
    const limited = answers.filter((r) => r.status === 429);
    // A burst of 5 and 1 a second: most of twelve requests at once are refused, from both keys.
    expect(answers.filter((r) => r.status === 202).length).toBeLessThanOrEqual(7);
    expect(limited.length).toBeGreaterThanOrEqual(5);
    expect(new Set(answers.map((r, i) => (r.status === 429 ? i % 2 : -1)).filter((k) => k >= 0)).size).toBe(2);
    for (const response of limited) {
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfter: 1 });
    }
    // Another account is not held back by this one.
    const other = await expectStatus(201, 'POST', `${url}/v1/accounts`, { name: 'Other Ltd', contactEmail: 'ops@other.example' }, admin);
    const probe = await eventually(async () => {
      const response = await call('POST', `${url}/v1/messages`, { ...request, phoneNumbers: ['13900139400'] }, auth(other.apiKey.token));
      return response.status === 401 ? undefined : response;
    }, 'dispatch to know the other account’s key');
    expect(probe.status).not.toBe(429);
    expect(['SIGNATURE_NOT_FOUND', 'ACCOUNT_NOT_FOUND']).toContain(probe.body.code);
  }, 60_000);
});
