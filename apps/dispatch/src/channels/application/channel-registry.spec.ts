import type { ChannelHealthV1 } from '@sms/contracts';
import { ALL_OPERATORS, SERVES_EVERYTHING } from '../domain/channel';
import type { ChannelRecord } from './channel-read-model';
import { ChannelRegistry } from './channel-registry';

let now = Date.parse('2026-11-23T10:00:00.000Z');
const clock = { now: () => new Date(now) };
const record = (channelId: string, version: number, change: Partial<ChannelRecord> = {}, priority = 0): ChannelRecord => ({
  channelId,
  version,
  paused: false,
  attributes: { protocol: 'smpp', operators: ALL_OPERATORS, ...SERVES_EVERYTHING, priority, tps: 0, enabled: true },
  changedAt: '2026-11-23T09:00:00.000Z',
  ...change,
});
const health = (channelId: string, state: ChannelHealthV1['state']): ChannelHealthV1 => ({
  channelId,
  state,
  since: '2026-11-23T10:00:00.000Z',
  sessions: 1,
  sessionsBound: state === 'DOWN' ? 0 : 1,
  windowSize: 100,
  windowInUse: 3,
  queued: 7,
  submitsPerSecond: 120,
  p50SubmitLatencyMs: 4,
  errorRate: 0,
  throttleRate: 0,
  paused: false,
  reportedAt: new Date(now).toISOString(),
});

describe('ChannelRegistry (routing by health, failover, maintenance)', () => {
  let registry: ChannelRegistry;
  beforeEach(() => {
    now = Date.parse('2026-11-23T10:00:00.000Z');
    registry = new ChannelRegistry(clock, 10_000);
    registry.applyChannel(record('a', 0, {}, 10));
    registry.applyChannel(record('b', 0));
  });

  it('routes by priority while no health is known, and away from a channel reported DOWN; back once it is UP', () => {
    expect(registry.route('CMCC', 'notification', 'CN')).toBe('a');
    registry.recordHealth(health('a', 'DOWN'));
    registry.recordHealth(health('b', 'UP'));
    expect(registry.route('CMCC', 'notification', 'CN')).toBe('b');
    registry.recordHealth(health('a', 'UP'));
    expect(registry.route('CMCC', 'notification', 'CN')).toBe('a');
  });

  it('forgets a report once it is stale: the channel counts as unknown again', () => {
    registry.recordHealth(health('a', 'THROTTLING'));
    registry.recordHealth(health('b', 'UP'));
    expect(registry.route('CMCC', 'notification', 'CN')).toBe('b');
    now += 5_000;
    registry.recordHealth(health('b', 'UP'));
    now += 5_001;
    registry.refresh();
    expect(registry.view('a')?.state).toBe('UNKNOWN');
    expect(registry.view('a')).not.toHaveProperty('health');
    expect(registry.view('b')?.state).toBe('UP');
    // With no report left at all, priority decides again.
    now += 5_000;
    registry.refresh();
    expect(registry.route('CMCC', 'notification', 'CN')).toBe('a');
  });

  it('routes around a paused channel, and keeps an older record from replacing a newer one', () => {
    registry.applyChannel(record('a', 1, { paused: true }, 10));
    expect(registry.route('CMCC', 'notification', 'CN')).toBe('b');
    expect(registry.applyChannel(record('a', 0, {}, 10))).toBe(false);
    expect(registry.view('a')).toMatchObject({ state: 'PAUSED', paused: true, version: 1 });
    expect(registry.reroute('CMCC', 'notification', 'CN', 'b')).toBeUndefined();
  });

  it('shows each channel with its state and last report', () => {
    registry.recordHealth(health('b', 'THROTTLING'));
    const disabled = record('c', 0);
    registry.applyChannel({ ...disabled, attributes: { ...(disabled.attributes as NonNullable<ChannelRecord['attributes']>), enabled: false } });
    expect(registry.views().map((v) => [v.channelId, v.state, v.health?.queued])).toEqual([
      ['a', 'UNKNOWN', undefined],
      ['b', 'THROTTLING', 7],
      ['c', 'DISABLED', undefined],
    ]);
  });

  it('says whether maintenance is on, and how long a refused send should wait', () => {
    expect(registry.retryAfterSeconds(60)).toBeUndefined();
    registry.applyMaintenance({ active: true, since: '2026-11-23T10:00:00.000Z', version: 0 });
    expect(registry.retryAfterSeconds(60)).toBe(60);
    registry.applyMaintenance({ active: true, until: '2026-11-23T10:00:30.500Z', since: '2026-11-23T10:00:00.000Z', version: 1 });
    expect(registry.retryAfterSeconds(60)).toBe(31);
    expect(registry.maintenanceNow()).toEqual({ active: true, until: '2026-11-23T10:00:30.500Z', since: '2026-11-23T10:00:00.000Z' });
    now = Date.parse('2026-11-23T10:00:30.500Z');
    expect(registry.retryAfterSeconds(60)).toBeUndefined();
    expect(registry.maintenanceNow().active).toBe(false);
    expect(registry.applyMaintenance({ active: false, version: 1 })).toBe(false);
  });
});
