import type { MessagesRoutedV1 } from '@sms/contracts';
import { FakeChannel, InMemoryCarrierState } from '../../test-support';
import { ChannelMetrics } from '../application/channel-metrics';
import { ChannelSupervisor } from '../application/channel-supervisor';
import { HaltedAccounts } from '../application/halted-accounts';
import type { ReturnedResult } from '../domain/failover';
import { RecordOutcomesHandler } from '../record-outcomes/handler';
import { SubmitQueuedHandler } from './handler';

/** The clock the supervisor and the loop share: jest's fake timers move it. */
const clock = { now: () => new Date() };
const GRACE_MS = 10_000;

const routed = (channelId: string, ids: string[], batchId = 'b-1', segments = 1): MessagesRoutedV1 => ({
  batchId,
  accountId: 'acc-1',
  channelId,
  routedAt: '2026-11-23T10:00:00.000Z',
  messages: ids.map((messageId, i) => ({ messageId, phoneNumber: `+86138001380${String(i).padStart(2, '0')}`, text: '【测试】您好', segments, operator: 'CMCC' as const })),
});
const control = (channelId: string, version: number, change: { paused?: boolean; enabled?: boolean; tps?: number } = {}) => ({
  channelId,
  enabled: change.enabled ?? true,
  paused: change.paused ?? false,
  tps: change.tps ?? 0,
  version,
});

describe('SubmitQueuedHandler: routing, failover and maintenance (ADR 0018)', () => {
  let state: InMemoryCarrierState;
  let recorder: RecordOutcomesHandler;
  let supervisor: ChannelSupervisor;
  let relayed: number;
  let running: SubmitQueuedHandler | undefined;

  const start = (...channels: FakeChannel[]) => {
    for (const channel of channels) supervisor.watch(channel);
    running = new SubmitQueuedHandler(state, new Map(channels.map((c) => [c.id, c])), clock, recorder, new HaltedAccounts(), supervisor, new ChannelMetrics(), {
      handle: () => void relayed++,
    });
    running.start();
    return running;
  };
  const settle = (ms = 1) => jest.advanceTimersByTimeAsync(ms);
  const handedBack = async (): Promise<ReturnedResult[]> => (await state.outbox(100)).filter((e) => e.kind === 'returned').flatMap((e) => e.items as ReturnedResult[]);
  const answerAll = (channel: FakeChannel) => {
    for (const held of [...channel.held]) held.acknowledge(`op-${held.message.to}`);
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-23T10:00:01.000Z') });
    state = new InMemoryCarrierState();
    recorder = new RecordOutcomesHandler(state, { handle: () => undefined });
    supervisor = new ChannelSupervisor(clock, GRACE_MS);
    relayed = 0;
  });

  afterEach(async () => {
    await running?.stop();
    running = undefined;
    jest.useRealTimers();
  });

  it('takes nothing from a paused channel and hands back what waits there — never what its window holds — then feeds it again once resumed', async () => {
    const channel = new FakeChannel('a', 2);
    await state.enqueue('e-1', routed('a', ['m-1', 'm-2', 'm-3', 'm-4']));
    start(channel);
    await settle();
    expect(channel.held.map((h) => h.message.to)).toEqual(['+8613800138000', '+8613800138001']);

    supervisor.applyChannel(control('a', 1, { paused: true }));
    await settle();
    // m-1 and m-2 are in the window: they stay; m-3 and m-4 go back to dispatch.
    expect((await handedBack()).map((r) => [r.messageId, r.reason])).toEqual([
      ['m-3', 'CHANNEL_PAUSED'],
      ['m-4', 'CHANNEL_PAUSED'],
    ]);
    expect(relayed).toBeGreaterThan(0);
    answerAll(channel);
    await settle(500);
    // A paused channel is given nothing, not even what is routed to it now.
    await state.enqueue('e-2', routed('a', ['m-5'], 'b-2'));
    running?.handle('a');
    await settle(500);
    expect(channel.submitted).toHaveLength(2);

    supervisor.applyChannel(control('a', 2));
    await settle();
    expect(channel.submitted.map((m) => m.to)).toEqual(['+8613800138000', '+8613800138001', '+8613800138000']);
  });

  it('keeps a message routed back to the channel it was handed back from, and sends it once the channel opens again', async () => {
    const channel = new FakeChannel('a', 5, () => ({ parts: [{ seq: 1, operatorMessageId: 'op' }] }));
    supervisor.applyChannel(control('a', 1, { paused: true }));
    await state.enqueue('e-1', routed('a', ['m-1']));
    start(channel);
    await settle();
    expect((await handedBack()).map((r) => r.messageId)).toEqual(['m-1']);
    for (const entry of await state.outbox(100)) await state.published(entry.seq);

    // No other channel serves it: dispatch routes it back here.
    await state.enqueue('e-2', routed('a', ['m-1']));
    running?.handle('a');
    await settle(5_000);
    expect(await handedBack()).toEqual([]);
    expect(channel.submitted).toEqual([]);

    supervisor.applyChannel(control('a', 2));
    await settle();
    expect(channel.submitted).toHaveLength(1);
  });

  it('hands back the queue of a channel down longer than the grace period, not sooner, and leaves the other channels alone', async () => {
    const a = new FakeChannel('a', 1);
    const b = new FakeChannel('b', 1, () => ({ parts: [{ seq: 1, operatorMessageId: 'op' }] }));
    await state.enqueue('e-a', routed('a', ['a-1', 'a-2', 'a-3']));
    start(a, b);
    await settle();
    expect(a.held).toHaveLength(1);
    a.goDown();
    await settle(GRACE_MS - 100);
    expect(await handedBack()).toEqual([]);

    await settle(200);
    expect((await handedBack()).map((r) => [r.messageId, r.reason])).toEqual([
      ['a-2', 'CHANNEL_DOWN'],
      ['a-3', 'CHANNEL_DOWN'],
    ]);
    // Held while down: what is routed to it meanwhile waits (and goes back on the next look); b keeps sending.
    await state.enqueue('e-b', routed('b', ['b-1', 'b-2'], 'b-2'));
    running?.handle('b');
    await settle(10);
    expect(b.submitted).toHaveLength(2);
    expect(a.submitted).toHaveLength(1);

    a.goUp();
    a.held[0].acknowledge('op-a-1');
    await state.enqueue('e-a2', routed('a', ['a-4'], 'b-3'));
    running?.handle('a');
    await settle(10);
    // Open again: fed as before, and nothing more handed back.
    expect(a.submitted.map((m) => m.to)).toEqual(['+8613800138000', '+8613800138000']);
    expect((await handedBack()).map((r) => r.messageId)).toEqual(['a-2', 'a-3']);
  });

  it('in maintenance takes nothing from any channel and hands nothing back; after `until` it sends what waited', async () => {
    const a = new FakeChannel('a', 5, () => ({ parts: [{ seq: 1, operatorMessageId: 'op' }] }));
    supervisor.applyMaintenance({ active: true, untilMs: Date.now() + 60_000, version: 1 });
    await state.enqueue('e-1', routed('a', ['m-1', 'm-2']));
    start(a);
    await settle(30_000);
    expect(a.submitted).toEqual([]);
    expect(await handedBack()).toEqual([]);

    await settle(30_500);
    expect(a.submitted).toHaveLength(2);
  });

  it('ends maintenance when told, before `until`', async () => {
    const a = new FakeChannel('a', 5, () => ({ parts: [{ seq: 1, operatorMessageId: 'op' }] }));
    supervisor.applyMaintenance({ active: true, version: 1 });
    await state.enqueue('e-1', routed('a', ['m-1']));
    start(a);
    await settle(5_000);
    expect(a.submitted).toEqual([]);
    // An older version (a redelivery) changes nothing; the newer one ends it.
    expect(supervisor.applyMaintenance({ active: false, version: 0 })).toBe(false);
    supervisor.applyMaintenance({ active: false, version: 2 });
    await settle();
    expect(a.submitted).toHaveLength(1);
  });

  it("keeps a channel's TPS cap, counting segments", async () => {
    const a = new FakeChannel('a', 1000, () => ({ parts: [{ seq: 1, operatorMessageId: 'op' }, { seq: 2, operatorMessageId: 'op2' }] }));
    supervisor.applyChannel(control('a', 1, { tps: 20 }));
    await state.enqueue('e-1', routed('a', Array.from({ length: 100 }, (_, i) => `m-${i}`), 'b-1', 2));
    start(a);
    await settle(2_000);
    // 20 submit_sm a second of two segments each: about 10 messages a second (a 1-token burst on top).
    expect(a.submitted.length).toBeGreaterThanOrEqual(19);
    expect(a.submitted.length).toBeLessThanOrEqual(22);
  });

  it('hands back once more what a held channel kept when another channel opens, so it can be routed there', async () => {
    const a = new FakeChannel('a', 5);
    const b = new FakeChannel('b', 5);
    supervisor.applyChannel(control('a', 1, { paused: true }));
    supervisor.applyChannel(control('b', 1, { paused: true }));
    await state.enqueue('e-1', routed('a', ['m-1']));
    start(a, b);
    await settle();
    for (const entry of await state.outbox(100)) await state.published(entry.seq);
    // Nothing else open: dispatch routed it back to a, which keeps it.
    await state.enqueue('e-2', routed('a', ['m-1']));
    running?.handle('a');
    await settle(3_000);
    expect(await handedBack()).toEqual([]);

    supervisor.applyChannel(control('b', 2));
    await settle();
    expect((await handedBack()).map((r) => [r.messageId, r.reason])).toEqual([['m-1', 'CHANNEL_PAUSED']]);
    expect(a.submitted).toEqual([]);
  });

  it('hands back the queue of a channel disabled in dispatch', async () => {
    const a = new FakeChannel('a', 5);
    supervisor.applyChannel(control('a', 1, { enabled: false }));
    await state.enqueue('e-1', routed('a', ['m-1']));
    start(a);
    await settle();
    expect((await handedBack()).map((r) => [r.messageId, r.reason])).toEqual([['m-1', 'CHANNEL_DISABLED']]);
    expect(a.submitted).toEqual([]);
  });
});
