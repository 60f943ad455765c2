import { CHANNEL_HEALTH_V1, type ChannelHealthV1 } from '@sms/contracts';
import { consumedEvent } from '@sms/testing';
import { ALL_OPERATORS, SERVES_EVERYTHING } from '../domain/channel';
import { ChannelRegistry } from '../application/channel-registry';
import { RecordHealthHandler } from './handler';

const clock = { now: () => new Date('2026-11-23T10:00:00.000Z') };
const report = (channelId: string, state: ChannelHealthV1['state']): ChannelHealthV1 => ({
  channelId,
  state,
  since: '2026-11-23T09:59:00.000Z',
  sessions: 2,
  sessionsBound: state === 'DOWN' ? 0 : 2,
  windowSize: 200,
  windowInUse: 10,
  queued: 12,
  submitsPerSecond: 900,
  p50SubmitLatencyMs: 3,
  errorRate: 0.01,
  throttleRate: 0,
  paused: false,
  reportedAt: '2026-11-23T10:00:00.000Z',
});

describe('RecordHealthHandler (the carrier’s channel health)', () => {
  it('routes by the report at once: a channel reported DOWN loses to one UP', async () => {
    const registry = new ChannelRegistry(clock, 10_000);
    for (const [channelId, priority] of [['a', 9], ['b', 0]] as const) {
      registry.applyChannel({ channelId, version: 0, paused: false, attributes: { protocol: 'smpp', operators: ALL_OPERATORS, ...SERVES_EVERYTHING, priority, tps: 0, enabled: true } });
    }
    const handler = new RecordHealthHandler(registry);
    await handler.handle(consumedEvent(CHANNEL_HEALTH_V1, report('a', 'DOWN')));
    await handler.handle(consumedEvent(CHANNEL_HEALTH_V1, report('b', 'UP')));
    expect(registry.route('CMCC', 'notification', 'CN')).toBe('b');
    expect(registry.view('a')).toMatchObject({ state: 'DOWN', health: { sessionsBound: 0, queued: 12 } });
  });

  it('refuses a malformed report, keeping only the contract’s fields of a good one, and ignores other types', async () => {
    const seen: ChannelHealthV1[] = [];
    const handler = new RecordHealthHandler({ recordHealth: (r) => void seen.push(r) });
    await expect(handler.handle(consumedEvent(CHANNEL_HEALTH_V1, { ...report('a', 'UP'), state: 'FINE' }))).rejects.toThrow(/state/);
    await handler.handle(consumedEvent(CHANNEL_HEALTH_V1, { ...report('a', 'UP'), extra: 'x' }));
    await handler.handle(consumedEvent('sms.other.v1', report('a', 'UP')));
    expect(seen).toEqual([report('a', 'UP')]);
  });

  it('keeps the count of unmatched receipts when a report has it (ADR 0039), and refuses one that is not a count', async () => {
    const seen: ChannelHealthV1[] = [];
    const handler = new RecordHealthHandler({ recordHealth: (r) => void seen.push(r) });
    await handler.handle(consumedEvent(CHANNEL_HEALTH_V1, { ...report('a', 'UP'), unmatchedReceipts: 4 }));
    await expect(handler.handle(consumedEvent(CHANNEL_HEALTH_V1, { ...report('a', 'UP'), unmatchedReceipts: -1 }))).rejects.toThrow(/unmatchedReceipts/);
    await expect(handler.handle(consumedEvent(CHANNEL_HEALTH_V1, { ...report('a', 'UP'), unmatchedReceipts: '4' }))).rejects.toThrow(/unmatchedReceipts/);
    expect(seen).toEqual([{ ...report('a', 'UP'), unmatchedReceipts: 4 }]);
  });
});
