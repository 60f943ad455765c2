import { parsePrometheusText, type PrometheusSample, samplesOf } from '@sms/testing';
import { auth, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import { eventually, freePort, RunningProcess, startProcess, tempDir } from './support/processes';

/**
 * GET /metrics of the embedded platform (ADR 0040), as Prometheus scrapes it: the carrier adapter runs on its own
 * thread without HTTP, so the channel gauges are dispatch's, from the health reports it receives; the text is read
 * strictly (every line a comment or `name{labels} value`).
 */
describe('GET /metrics (embedded profile)', () => {
  let platform: RunningProcess & { match: RegExpMatchArray };
  let url: string;
  let customerToken: string;

  const scrape = (headers: Record<string, string>) =>
    fetch(`${url}/metrics`, { headers }).then(async (response) => ({ status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() }));

  beforeAll(async () => {
    platform = await startProcess(
      'apps/platform/src/main.js',
      { PORT: '0', GRPC_PORT: String(await freePort()), SMPP_PORT: '0', DATA_DIR: tempDir('metrics'), HOST: '127.0.0.1', ADMIN_API_KEY: E2E_ADMIN_TOKEN, CHANNEL_HEALTH_INTERVAL_MS: '200' },
      /REST API\s+(http:\/\/\S+)\/v1/,
    );
    url = platform.match[1];
    customerToken = (await expectStatus(201, 'POST', `${url}/v1/accounts`, { name: 'Metrics Co', contactEmail: 'ops@metrics.example' }, auth(E2E_ADMIN_TOKEN))).apiKey.token;
  }, 60_000);
  afterAll(() => platform?.stop());

  it('answers the admin key with Prometheus text: the default channel up once it reported, its window, RED per route', async () => {
    const samples = await eventually(async () => {
      const answer = await scrape(auth(E2E_ADMIN_TOKEN));
      expect([answer.status, answer.contentType]).toEqual([200, expect.stringMatching(/^text\/plain;.*version=0\.0\.4/)]);
      const parsed: PrometheusSample[] = parsePrometheusText(answer.text);
      return samplesOf(parsed, 'sms_channel_up', { channel: 'smpp-default' })[0]?.value === 1 ? parsed : undefined;
    }, 'smpp-default up on /metrics', 20_000, 100);

    const channel = { channel: 'smpp-default', protocol: 'smpp' };
    expect(samplesOf(samples, 'sms_channel_up', channel)).toEqual([{ name: 'sms_channel_up', labels: { ...channel, operators: expect.stringContaining('CMCC') }, value: 1 }]);
    expect(samplesOf(samples, 'sms_channel_state', { ...channel, state: 'UP' }).map((s) => s.value)).toEqual([1]);
    expect(samplesOf(samples, 'sms_channel_window_size', channel)[0].value).toBeGreaterThan(0);
    expect(samplesOf(samples, 'sms_channel_sessions_bound', channel)[0].value).toBeGreaterThan(0);
    expect(samplesOf(samples, 'sms_channel_health_age_seconds', channel)[0].value).toBeLessThan(5);
    // The account opened above went through the guard and the route, and was counted under its template.
    expect(samplesOf(samples, 'http_requests_total', { method: 'POST', route: '/v1/accounts', status: '201' }).map((s) => s.value)).toEqual([1]);
    expect(samplesOf(samples, 'http_request_duration_seconds_count', { method: 'POST', route: '/v1/accounts', status: '201' }).map((s) => s.value)).toEqual([1]);
  });

  it('refuses a scrape without a key (401) and with a customer key (403), as problem+json', async () => {
    const anonymous = await scrape({});
    expect([anonymous.status, anonymous.contentType, JSON.parse(anonymous.text).code]).toEqual([401, expect.stringContaining('problem+json'), 'UNAUTHENTICATED']);
    const customer = await scrape(auth(customerToken));
    expect([customer.status, customer.contentType, JSON.parse(customer.text).code]).toEqual([403, expect.stringContaining('problem+json'), 'FORBIDDEN']);
  });
});
