import { CHANNEL_HEALTH_V1, type ChannelHealthV1, INTERNAL_TOPICS, SOURCES } from '@sms/contracts';
import { PROMETHEUS_CONTENT_TYPE } from '@sms/observability';
import { announceCustomerKey, callJson, eventually, parsePrometheusText, samplesOf, type ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DispatchModule } from '../dispatch.module';

/**
 * GET /metrics of a process hosting dispatch (ADR 0040), through its real inputs: the carrier's health reports on the
 * in-process bus, the channels API, an operator's and a customer's keys over HTTP.
 */
describe('GET /metrics in dispatch: channel gauges and RED per route (SQLite + in-process bus)', () => {
  let dataDir: string;
  let service: ServiceUnderTest;
  let customerToken: string;

  /** With the admin key unless another is given; `null` = none. */
  const scrape = async (token: string | null = service.adminToken) => {
    const response = await fetch(`${service.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
  };
  const metrics = async () => {
    const answer = await scrape();
    expect([answer.status, answer.contentType]).toEqual([200, PROMETHEUS_CONTENT_TYPE]);
    return parsePrometheusText(answer.text);
  };
  const report = (state: ChannelHealthV1['state']): ChannelHealthV1 => ({
    channelId: 'smpp-default',
    state,
    since: new Date().toISOString(),
    sessions: 2,
    sessionsBound: state === 'DOWN' ? 0 : 2,
    windowSize: 100,
    windowInUse: 9,
    queued: 30,
    submitsPerSecond: 480,
    p50SubmitLatencyMs: 3,
    errorRate: 0.02,
    throttleRate: 0,
    paused: false,
    reportedAt: new Date().toISOString(),
    unmatchedReceipts: 2,
  });
  const publishHealth = (data: ChannelHealthV1) => service.bus.publish(INTERNAL_TOPICS.channelHealth, [testEvent(CHANNEL_HEALTH_V1, SOURCES.carrierAdapter, data.channelId, data)]);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dispatch-metrics-int-'));
    service = await startServiceUnderTest({ module: DispatchModule, dataDir });
    customerToken = await announceCustomerKey(service.bus, randomUUID());
  });
  afterAll(async () => {
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the seeded channel UNKNOWN until the carrier reports it, then UP with its figures, then DOWN', async () => {
    const labels = { channel: 'smpp-default', protocol: 'smpp', operators: 'CBN,CMCC,CTCC,CUCC,INTERNATIONAL,UNKNOWN' };
    let samples = await metrics();
    expect(samplesOf(samples, 'sms_channel_up', labels).map((s) => s.value)).toEqual([0]);
    expect(samplesOf(samples, 'sms_channel_state', { ...labels, state: 'UNKNOWN' }).map((s) => s.value)).toEqual([1]);
    expect(samplesOf(samples, 'sms_channel_window_size')).toEqual([]);

    await publishHealth(report('UP'));
    samples = await eventually(async () => {
      const now = await metrics();
      return samplesOf(now, 'sms_channel_up', labels)[0]?.value === 1 ? now : undefined;
    }, 'smpp-default UP on /metrics', 5_000, 10);
    expect(samplesOf(samples, 'sms_channel_window_size', labels).map((s) => s.value)).toEqual([100]);
    expect(samplesOf(samples, 'sms_channel_window_in_use', labels).map((s) => s.value)).toEqual([9]);
    expect(samplesOf(samples, 'sms_channel_submits_per_second', labels).map((s) => s.value)).toEqual([480]);
    expect(samplesOf(samples, 'sms_channel_error_rate', labels).map((s) => s.value)).toEqual([0.02]);
    expect(samplesOf(samples, 'sms_channel_unmatched_receipts', labels).map((s) => s.value)).toEqual([2]);
    expect(samplesOf(samples, 'sms_channel_health_age_seconds', labels)[0].value).toBeGreaterThanOrEqual(0);

    await publishHealth(report('DOWN'));
    samples = await eventually(async () => {
      const now = await metrics();
      return samplesOf(now, 'sms_channel_state', { ...labels, state: 'DOWN' })[0]?.value === 1 ? now : undefined;
    }, 'smpp-default DOWN on /metrics', 5_000, 10);
    expect(samplesOf(samples, 'sms_channel_up', labels).map((s) => s.value)).toEqual([0]);
    expect(samplesOf(samples, 'sms_channel_sessions_bound', labels).map((s) => s.value)).toEqual([0]);
  });

  it('is for operators: 401 problem+json without a key, 403 with a customer key', async () => {
    const anonymous = await scrape(null);
    expect([anonymous.status, anonymous.contentType, JSON.parse(anonymous.text).code]).toEqual([401, expect.stringContaining('problem+json'), 'UNAUTHENTICATED']);
    const customer = await scrape(customerToken);
    expect([customer.status, JSON.parse(customer.text).code]).toEqual([403, 'FORBIDDEN']);
  });

  it('counts every request by method, route template and status — refusals and unknown paths too', async () => {
    await callJson('PUT', `${service.url}/v1/channels/smpp-metrics`, { protocol: 'smpp', operators: ['CMCC'], kinds: ['notification'], priority: 0, tps: 0, enabled: false });
    await callJson('PUT', `${service.url}/v1/channels/smpp-metrics`, { protocol: 'smpp', operators: [], kinds: ['notification'], priority: 0, tps: 0, enabled: false });
    await callJson('GET', `${service.url}/v1/no-such-route/13800138000`);
    const samples = await metrics();
    const count = (labels: Record<string, string>) => samplesOf(samples, 'http_requests_total', labels).reduce((sum, s) => sum + s.value, 0);
    expect(count({ method: 'PUT', route: '/v1/channels/:channelId', status: '200' })).toBe(1);
    expect(count({ method: 'PUT', route: '/v1/channels/:channelId', status: '400' })).toBe(1);
    expect(count({ method: 'GET', route: 'unrouted', status: '404' })).toBe(1);
    // The scrapes of the test before: answered, refused without a key and with a customer's.
    expect(count({ method: 'GET', route: '/metrics', status: '401' })).toBe(1);
    expect(count({ method: 'GET', route: '/metrics', status: '403' })).toBe(1);
    expect(count({ method: 'GET', route: '/metrics', status: '200' })).toBeGreaterThanOrEqual(3);
    expect(samplesOf(samples, 'http_request_duration_seconds_count', { method: 'PUT', route: '/v1/channels/:channelId', status: '200' }).map((s) => s.value)).toEqual([1]);
    // Templates, never paths: no channel id, no phone number in a route label.
    expect(samples.filter((s) => s.name.startsWith('http_')).some((s) => /smpp-metrics|13800138000/.test(s.labels.route))).toBe(false);
  });
});
