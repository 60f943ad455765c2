import { Logger } from '@nestjs/common';
import { CHANNEL_HEALTH_V1, type ChannelHealthV1, INTERNAL_TOPICS } from '@sms/contracts';
import { FakeChannel, InMemoryCarrierState, RecordingBus } from '../../test-support';
import { ChannelMetrics } from '../application/channel-metrics';
import { ChannelSupervisor } from '../application/channel-supervisor';
import { ReportHealthHandler } from './handler';

const clock = { now: () => new Date() };

describe('ReportHealthHandler (each channel’s health to dispatch)', () => {
  let bus: RecordingBus;
  let state: InMemoryCarrierState;
  let supervisor: ChannelSupervisor;
  let metrics: ChannelMetrics;
  let reporter: ReportHealthHandler | undefined;
  const reports = () => bus.on<ChannelHealthV1>(INTERNAL_TOPICS.channelHealth).map((e) => e.data);

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-23T10:00:00.000Z') });
    bus = new RecordingBus();
    state = new InMemoryCarrierState();
    supervisor = new ChannelSupervisor(clock, 10_000);
    metrics = new ChannelMetrics();
  });

  afterEach(() => {
    reporter?.stop();
    jest.useRealTimers();
  });

  const start = (...channels: FakeChannel[]) => {
    for (const channel of channels) supervisor.watch(channel);
    reporter = new ReportHealthHandler(new Map(channels.map((c) => [c.id, c])), state, bus, clock, supervisor, metrics, { CHANNEL_HEALTH_INTERVAL_MS: 2_000 });
    reporter.start();
  };

  it('reports every channel at once and every interval, with its figures over the interval, keyed by channel', async () => {
    const a = new FakeChannel('a', 10);
    await state.enqueue('e-1', { batchId: 'b', accountId: 'acc', channelId: 'a', routedAt: '2026-11-23T10:00:00.000Z', messages: [{ messageId: 'm', phoneNumber: '+8613800138000', text: 'x', segments: 1, operator: 'CMCC' }] });
    start(a);
    await jest.advanceTimersByTimeAsync(0);
    expect(reports()).toEqual([expect.objectContaining({ channelId: 'a', state: 'UP', sessions: 1, sessionsBound: 1, windowSize: 10, windowInUse: 0, queued: 1, paused: false })]);
    expect(bus.on(INTERNAL_TOPICS.channelHealth)[0]).toMatchObject({ type: CHANNEL_HEALTH_V1, key: 'a' });

    for (let i = 0; i < 4; i++) metrics.answered('a', 10 + i * 10, 2, i === 0 ? 1 : 0, Date.now());
    await jest.advanceTimersByTimeAsync(2_000);
    expect(reports()[1]).toMatchObject({ submitsPerSecond: 2, p50SubmitLatencyMs: 20, errorRate: 0.125, throttleRate: 0 });
    // The next interval starts afresh.
    await jest.advanceTimersByTimeAsync(2_000);
    expect(reports()[2]).toMatchObject({ submitsPerSecond: 0, p50SubmitLatencyMs: 0, errorRate: 0 });
  });

  it('reports a channel at once when it goes down, with the time it did; and THROTTLING after a "slow down"', async () => {
    const a = new FakeChannel('a', 10);
    start(a);
    await jest.advanceTimersByTimeAsync(500);
    a.goDown();
    await jest.advanceTimersByTimeAsync(0);
    expect(reports().map((r) => [r.state, r.since])).toEqual([
      ['UP', '2026-11-23T10:00:00.000Z'],
      ['DOWN', '2026-11-23T10:00:00.500Z'],
    ]);
    a.goUp();
    a.emit('throttled');
    await jest.advanceTimersByTimeAsync(0);
    expect(reports().at(-1)).toMatchObject({ state: 'THROTTLING', throttleRate: 1 });
  });

  it('counts the receipts kept without a known message per channel, and warns once an interval, with the count only, when it grew', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const [a, b] = [new FakeChannel('a', 10), new FakeChannel('b', 10)];
      const receipt = (channelId: string, operatorMessageId: string) => ({ channelId, operatorMessageId, status: 'DELIVERED' as const, doneAt: '2026-11-23T10:00:00.000Z' });
      const kept = (...receipts: Array<ReturnType<typeof receipt>>) => state.record({ submissions: [], inbound: [], receipts });
      await kept(receipt('a', 'op-secret-1'), receipt('a', 'op-secret-2'));
      start(a, b);
      await jest.advanceTimersByTimeAsync(0);
      expect(reports().map((r) => [r.channelId, r.unmatchedReceipts])).toEqual([
        ['a', 2],
        ['b', 0],
      ]);
      expect(warn.mock.calls).toEqual([['channel a: 2 receipt(s) kept without a known message, up from 0']]);

      // Unchanged: reported, not warned again.
      await jest.advanceTimersByTimeAsync(2_000);
      expect(reports().at(-2)?.unmatchedReceipts).toBe(2);
      expect(warn).toHaveBeenCalledTimes(1);

      // It grows, and the channel flaps: the reports at once carry the count, the warning waits for the interval, once.
      await kept(receipt('a', 'op-secret-3'));
      a.goDown();
      await jest.advanceTimersByTimeAsync(0);
      a.goUp();
      await jest.advanceTimersByTimeAsync(0);
      expect(reports().filter((r) => r.channelId === 'a').at(-1)?.unmatchedReceipts).toBe(3);
      expect(warn).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(2_000);
      expect(warn).toHaveBeenCalledTimes(2);
      expect(warn).toHaveBeenLastCalledWith('channel a: 3 receipt(s) kept without a known message, up from 2');
      expect(JSON.stringify(warn.mock.calls)).not.toContain('op-secret');
    } finally {
      warn.mockRestore();
    }
  });

  it('says a paused channel is held', async () => {
    const a = new FakeChannel('a', 10);
    start(a);
    supervisor.applyChannel({ channelId: 'a', enabled: true, paused: true, tps: 0, version: 1 });
    await jest.advanceTimersByTimeAsync(0);
    expect(reports().at(-1)).toMatchObject({ channelId: 'a', paused: true });
  });
});
