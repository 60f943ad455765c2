import type { ChannelHealthV1 } from '@sms/contracts';
import { Metrics } from '@sms/observability';
import { parsePrometheusText, type PrometheusSample, samplesOf } from '@sms/testing';
import type { ChannelRecord } from '../application/channel-read-model';
import { ChannelRegistry } from '../application/channel-registry';
import { SERVES_EVERYTHING } from '../domain/channel';
import { CHANNEL_METRIC_FAMILIES, ChannelMetrics } from './channel-metrics';

const STALE_MS = 10_000;
let now = Date.parse('2026-11-23T10:00:00.000Z');
const clock = { now: () => new Date(now) };

const record = (channelId: string, version: number, change: Partial<ChannelRecord['attributes'] & object> = {}, paused = false): ChannelRecord => ({
  channelId,
  version,
  paused,
  attributes: { protocol: 'smpp', operators: ['CUCC', 'CMCC'], ...SERVES_EVERYTHING, priority: 0, tps: 0, enabled: true, ...change },
  changedAt: '2026-11-23T09:00:00.000Z',
});
const report = (channelId: string, change: Partial<ChannelHealthV1> = {}): ChannelHealthV1 => ({
  channelId,
  state: 'UP',
  since: '2026-11-23T09:59:00.000Z',
  sessions: 2,
  sessionsBound: 2,
  windowSize: 100,
  windowInUse: 37,
  queued: 412,
  submitsPerSecond: 950.5,
  p50SubmitLatencyMs: 4.25,
  errorRate: 0.01,
  throttleRate: 0.125,
  paused: false,
  reportedAt: new Date(now).toISOString(),
  unmatchedReceipts: 3,
  ...change,
});

describe('channel gauges of GET /metrics (ADR 0040)', () => {
  let registry: ChannelRegistry;
  let metrics: Metrics;
  const scrape = async (): Promise<PrometheusSample[]> => parsePrometheusText(await metrics.render());
  /** The one value of a gauge for a channel (and more labels), failing when there is not exactly one. */
  const value = (samples: PrometheusSample[], name: string, labels: Record<string, string>): number => {
    const found = samplesOf(samples, name, labels);
    if (found.length !== 1) throw new Error(`${name} ${JSON.stringify(labels)}: ${found.length} samples`);
    return found[0].value;
  };

  beforeEach(() => {
    now = Date.parse('2026-11-23T10:00:00.000Z');
    registry = new ChannelRegistry(clock, STALE_MS);
    metrics = new Metrics();
    new ChannelMetrics(metrics, registry);
    registry.applyChannel(record('smpp-a', 0));
    registry.applyChannel(record('cmpp-b', 0, { protocol: 'cmpp', operators: ['CMCC'] }));
  });

  it('shows a channel reported UP with its figures, labelled channel, protocol and operators', async () => {
    registry.recordHealth(report('smpp-a'));
    now += 1_500;
    const samples = await scrape();
    const a = { channel: 'smpp-a', protocol: 'smpp', operators: 'CMCC,CUCC' };
    expect(value(samples, 'sms_channel_up', a)).toBe(1);
    expect(statesOf(samples, a)).toEqual({ UP: 1, DOWN: 0, THROTTLING: 0, UNKNOWN: 0 });
    expect({
      sessions: value(samples, 'sms_channel_sessions', a),
      bound: value(samples, 'sms_channel_sessions_bound', a),
      windowSize: value(samples, 'sms_channel_window_size', a),
      windowInUse: value(samples, 'sms_channel_window_in_use', a),
      queued: value(samples, 'sms_channel_queued', a),
      tps: value(samples, 'sms_channel_submits_per_second', a),
      p50: value(samples, 'sms_channel_submit_latency_p50_ms', a),
      errors: value(samples, 'sms_channel_error_rate', a),
      throttled: value(samples, 'sms_channel_throttle_rate', a),
      unmatched: value(samples, 'sms_channel_unmatched_receipts', a),
      paused: value(samples, 'sms_channel_paused', a),
      enabled: value(samples, 'sms_channel_enabled', a),
      age: value(samples, 'sms_channel_health_age_seconds', a),
    }).toEqual({ sessions: 2, bound: 2, windowSize: 100, windowInUse: 37, queued: 412, tps: 950.5, p50: 4.25, errors: 0.01, throttled: 0.125, unmatched: 3, paused: 0, enabled: 1, age: 1.5 });
  });

  it('shows a channel that never reported as UNKNOWN and down, with no figures and no report age', async () => {
    registry.recordHealth(report('smpp-a'));
    const samples = await scrape();
    const b = { channel: 'cmpp-b', protocol: 'cmpp', operators: 'CMCC' };
    expect(value(samples, 'sms_channel_up', b)).toBe(0);
    expect(statesOf(samples, b)).toEqual({ UP: 0, DOWN: 0, THROTTLING: 0, UNKNOWN: 1 });
    expect(value(samples, 'sms_channel_paused', b)).toBe(0);
    const figures = Object.keys(CHANNEL_METRIC_FAMILIES).filter((name) => !['sms_channel_up', 'sms_channel_state', 'sms_channel_paused', 'sms_channel_enabled'].includes(name));
    expect(figures.filter((name) => samplesOf(samples, name, { channel: 'cmpp-b' }).length > 0)).toEqual([]);
    // The other channel's figures are there: the absence above is this channel's.
    expect(figures.filter((name) => samplesOf(samples, name, { channel: 'smpp-a' }).length === 0)).toEqual([]);
  });

  it('shows a channel reported DOWN as down with its figures, and a THROTTLING one as up', async () => {
    const { unmatchedReceipts: _left, ...fromAnOlderAdapter } = report('cmpp-b', { state: 'DOWN', sessionsBound: 0, windowInUse: 0 });
    registry.recordHealth(fromAnOlderAdapter);
    registry.recordHealth(report('smpp-a', { state: 'THROTTLING' }));
    const samples = await scrape();
    expect(value(samples, 'sms_channel_up', { channel: 'cmpp-b' })).toBe(0);
    expect(statesOf(samples, { channel: 'cmpp-b' })).toEqual({ UP: 0, DOWN: 1, THROTTLING: 0, UNKNOWN: 0 });
    expect(value(samples, 'sms_channel_sessions_bound', { channel: 'cmpp-b' })).toBe(0);
    expect(value(samples, 'sms_channel_window_size', { channel: 'cmpp-b' })).toBe(100);
    expect(value(samples, 'sms_channel_unmatched_receipts', { channel: 'cmpp-b' })).toBe(0);
    expect(value(samples, 'sms_channel_up', { channel: 'smpp-a' })).toBe(1);
    expect(statesOf(samples, { channel: 'smpp-a' })).toEqual({ UP: 0, DOWN: 0, THROTTLING: 1, UNKNOWN: 0 });
  });

  it('turns a stale report into UNKNOWN: down, figures gone, the age of the last report growing', async () => {
    registry.recordHealth(report('smpp-a'));
    now += STALE_MS + 1;
    const samples = await scrape();
    expect(value(samples, 'sms_channel_up', { channel: 'smpp-a' })).toBe(0);
    expect(statesOf(samples, { channel: 'smpp-a' })).toEqual({ UP: 0, DOWN: 0, THROTTLING: 0, UNKNOWN: 1 });
    expect(samplesOf(samples, 'sms_channel_window_size', { channel: 'smpp-a' })).toEqual([]);
    expect(value(samples, 'sms_channel_health_age_seconds', { channel: 'smpp-a' })).toBe(10.001);
  });

  it('shows a pause decided by an operator, one the carrier applies (maintenance), and a disabled channel', async () => {
    registry.applyChannel(record('smpp-a', 1, {}, true));
    registry.recordHealth(report('cmpp-b', { paused: true }));
    registry.applyChannel(record('smpp-c', 0, { enabled: false }));
    const samples = await scrape();
    expect(value(samples, 'sms_channel_paused', { channel: 'smpp-a' })).toBe(1);
    expect(value(samples, 'sms_channel_paused', { channel: 'cmpp-b' })).toBe(1);
    expect(value(samples, 'sms_channel_paused', { channel: 'smpp-c' })).toBe(0);
    expect(value(samples, 'sms_channel_enabled', { channel: 'smpp-c' })).toBe(0);
    expect(value(samples, 'sms_channel_enabled', { channel: 'smpp-a' })).toBe(1);
  });

  it('leaves no series under the old labels when a channel is reconfigured', async () => {
    registry.recordHealth(report('smpp-a'));
    await scrape();
    registry.applyChannel(record('smpp-a', 1, { protocol: 'cmpp', operators: ['CTCC'] }));
    const samples = await scrape();
    expect(samplesOf(samples, 'sms_channel_up', { channel: 'smpp-a' }).map((s) => s.labels)).toEqual([{ channel: 'smpp-a', protocol: 'cmpp', operators: 'CTCC' }]);
    expect(samplesOf(samples, 'sms_channel_state', { channel: 'smpp-a' })).toHaveLength(4);
  });
});

/** A channel's sms_channel_state, by state. */
function statesOf(samples: PrometheusSample[], labels: Record<string, string>): Record<string, number> {
  return Object.fromEntries(samplesOf(samples, 'sms_channel_state', labels).map((s) => [s.labels.state, s.value]));
}
