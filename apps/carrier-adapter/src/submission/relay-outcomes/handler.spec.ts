import { Logger } from '@nestjs/common';
import {
  DELIVERY_REPORTED_V1,
  type DeliveryReportedV1,
  INBOUND_RECEIVED_V1,
  type InboundReceivedV1,
  INTERNAL_TOPICS,
  MESSAGES_SUBMITTED_V1,
  type MessagesSubmittedV1,
  SOURCES,
} from '@sms/contracts';
import { fixedClock, InMemoryCarrierState, RecordingBus } from '../../test-support';
import type { Outcomes } from '../application/carrier-state.port';
import type { SubmissionResult } from '../domain/events';
import { RelayOutcomesHandler } from './handler';

const clock = fixedClock('2026-11-23T10:00:07.000Z');
const nothing: Outcomes = { submissions: [], receipts: [], inbound: [] };

const submitted = (messageId: string, accountId: string, operatorMessageId: string): Outcomes['submissions'][number] => ({
  channelId: 'ch',
  result: {
    messageId,
    batchId: `b-${accountId}`,
    accountId,
    status: 'SUBMITTED',
    segmentsSubmitted: 1,
    segmentsFailed: 0,
    operatorMessageIds: [operatorMessageId],
    submittedAt: '2026-11-23T10:00:01.000Z',
  } satisfies SubmissionResult,
});
const delivered = (operatorMessageId: string): Outcomes['receipts'][number] => ({ channelId: 'ch', operatorMessageId, status: 'DELIVERED', doneAt: '2026-11-23T10:00:05.000Z' });
const inbound = (inboundId: string, to: string): Outcomes['inbound'][number] => ({
  channelId: 'ch',
  message: { inboundId, from: '+8613800138000', to, content: 'TD', receivedAt: '2026-11-23T10:00:06.000Z' },
});

/** A state whose messages m-1, m-2 (acc-1) and m-3 (acc-2) are queued. */
async function stateWithMessages(state = new InMemoryCarrierState()): Promise<InMemoryCarrierState> {
  for (const [accountId, ids] of [['acc-1', ['m-1', 'm-2']], ['acc-2', ['m-3']]] as const) {
    await state.enqueue(`e-${accountId}`, {
      batchId: `b-${accountId}`,
      accountId,
      channelId: 'ch',
      routedAt: '2026-11-23T10:00:00.000Z',
      messages: ids.map((messageId) => ({ messageId, phoneNumber: '+8613800138000', text: '【测试】您好', segments: 1, operator: 'CMCC' as const })),
    });
  }
  return state;
}

describe('RelayOutcomesHandler', () => {
  let error: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-23T10:00:07.000Z') });
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    error.mockRestore();
    jest.useRealTimers();
  });

  it('publishes the outbox in recording order and removes each entry only once the bus took it', async () => {
    const state = await stateWithMessages();
    await state.record({ ...nothing, submissions: [submitted('m-1', 'acc-1', 'op-1')] });
    await state.record({ ...nothing, submissions: [submitted('m-2', 'acc-1', 'op-2')] });
    await state.record({ ...nothing, receipts: [delivered('op-2')] });
    await state.record({ ...nothing, receipts: [delivered('op-1')] });
    const bus = new RecordingBus();
    let release!: () => void;
    const publish = jest.spyOn(bus, 'publish').mockImplementationOnce(async (topic, events) => {
      await new Promise<void>((resolve) => (release = resolve));
      bus.published.push(...events.map((event) => ({ topic, event })));
    });
    const relay = new RelayOutcomesHandler(state, bus, clock);

    relay.handle();
    await jest.advanceTimersByTimeAsync(0);
    expect(publish).toHaveBeenCalledTimes(1);
    // The bus has not taken them yet; the four recorded rows went out merged, two submissions and two reports.
    expect((await state.outbox(10)).map((entry) => [entry.kind, entry.items.length])).toEqual([
      ['submission', 2],
      ['delivery', 2],
    ]);
    expect(bus.published).toEqual([]);

    release();
    await jest.advanceTimersByTimeAsync(0);
    expect(await state.outbox(10)).toEqual([]);
    expect(bus.on<MessagesSubmittedV1>(INTERNAL_TOPICS.submissions).flatMap((e) => e.data.results.map((r) => r.messageId))).toEqual(['m-1', 'm-2']);
    expect(bus.on<DeliveryReportedV1>(INTERNAL_TOPICS.deliveryReports).flatMap((e) => e.data.reports.map((r) => r.messageId))).toEqual(['m-2', 'm-1']);
  });

  it('leaves the entries in the outbox when the bus fails, and publishes them on the next round', async () => {
    const state = await stateWithMessages();
    await state.record({ ...nothing, submissions: [submitted('m-1', 'acc-1', 'op-1')] });
    const bus = new RecordingBus();
    bus.failures = 1;
    const relay = new RelayOutcomesHandler(state, bus, clock);

    relay.handle();
    await jest.advanceTimersByTimeAsync(0);
    expect(bus.published).toEqual([]);
    expect(await state.outbox(10)).toHaveLength(1);
    expect(error).toHaveBeenCalledWith('publishing carrier outcomes failed, retrying: bus unavailable');

    await jest.advanceTimersByTimeAsync(500);
    expect(bus.published).toHaveLength(1);
    expect(await state.outbox(10)).toEqual([]);
  });

  it('goes round once more when told while a round runs, so nothing recorded meanwhile waits', async () => {
    const state = await stateWithMessages();
    await state.record({ ...nothing, submissions: [submitted('m-1', 'acc-1', 'op-1')] });
    const bus = new RecordingBus();
    const relay = new RelayOutcomesHandler(state, bus, clock);
    relay.handle();
    await state.record({ ...nothing, submissions: [submitted('m-2', 'acc-1', 'op-2')] });
    relay.handle();
    await jest.advanceTimersByTimeAsync(0);
    expect(bus.published.flatMap((p) => (p.event.data as MessagesSubmittedV1).results.map((r) => r.messageId))).toEqual(['m-1', 'm-2']);
  });

  it('republishes an entry with the same event ids after a crash between publish and removal', async () => {
    const state = await stateWithMessages();
    await state.record({ ...nothing, submissions: [submitted('m-1', 'acc-1', 'op-1'), submitted('m-3', 'acc-2', 'op-3')] });
    jest.spyOn(state, 'published').mockRejectedValueOnce(new Error('crash'));
    const first = new RecordingBus();
    const beforeCrash = new RelayOutcomesHandler(state, first, clock);
    beforeCrash.handle();
    await jest.advanceTimersByTimeAsync(0);
    expect(first.published).toHaveLength(2);
    expect(await state.outbox(10)).toHaveLength(1);
    jest.clearAllTimers(); // the process is gone: its retry never runs

    // Restarted five minutes later.
    jest.setSystemTime(new Date('2026-11-23T10:05:00.000Z'));
    const second = new RecordingBus();
    const afterRestart = new RelayOutcomesHandler(state.reopen(), second, fixedClock('2026-11-23T10:05:00.000Z'));
    afterRestart.handle();
    await jest.advanceTimersByTimeAsync(0);
    expect(second.published.map((p) => p.event.id)).toEqual(first.published.map((p) => p.event.id));
    expect(second.published[0].event.time).not.toBe(first.published[0].event.time);
    expect(await state.outbox(10)).toEqual([]);
  });

  it('gives events of another database other ids, though their outbox positions are the same', async () => {
    const published = async () => {
      const state = await stateWithMessages();
      await state.record({ ...nothing, submissions: [submitted('m-1', 'acc-1', 'op-1')] });
      const bus = new RecordingBus();
      new RelayOutcomesHandler(state, bus, clock).handle();
      await jest.advanceTimersByTimeAsync(0);
      return bus.published.map((p) => p.event.id);
    };
    const [a, b] = [await published(), await published()];
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(a[0]).not.toBe(b[0]);
  });

  it('groups submissions and reports per account, and publishes one event per inbound message', async () => {
    const state = await stateWithMessages();
    await state.record({ ...nothing, submissions: [submitted('m-1', 'acc-1', 'op-1'), submitted('m-3', 'acc-2', 'op-3'), submitted('m-2', 'acc-1', 'op-2')] });
    await state.record({ ...nothing, receipts: [delivered('op-1'), delivered('op-3'), delivered('op-2')] });
    await state.record({ ...nothing, inbound: [inbound('i-1', '10690000'), inbound('i-2', '10690001')] });
    const bus = new RecordingBus();
    new RelayOutcomesHandler(state, bus, clock).handle();
    await jest.advanceTimersByTimeAsync(0);

    const submissions = bus.on<MessagesSubmittedV1>(INTERNAL_TOPICS.submissions);
    expect(submissions.map((e) => [e.type, e.key, e.data.accountId, e.data.channelId, e.data.results.map((r) => r.messageId)])).toEqual([
      [MESSAGES_SUBMITTED_V1, 'acc-1', 'acc-1', 'ch', ['m-1', 'm-2']],
      [MESSAGES_SUBMITTED_V1, 'acc-2', 'acc-2', 'ch', ['m-3']],
    ]);
    expect(submissions[0].data.results[0]).not.toHaveProperty('accountId');
    expect(submissions[1].id).toBe(`${submissions[0].id}:1`);
    expect(submissions[0]).toMatchObject({ source: SOURCES.carrierAdapter, time: '2026-11-23T10:00:07.000Z' });

    const reports = bus.on<DeliveryReportedV1>(INTERNAL_TOPICS.deliveryReports);
    expect(reports.map((e) => [e.type, e.key, e.data.reports.map((r) => r.messageId)])).toEqual([
      [DELIVERY_REPORTED_V1, 'acc-1', ['m-1', 'm-2']],
      [DELIVERY_REPORTED_V1, 'acc-2', ['m-3']],
    ]);
    expect(reports[0].data.reports[0]).not.toHaveProperty('accountId');

    const replies = bus.on<InboundReceivedV1>(INTERNAL_TOPICS.inboundReceived);
    expect(replies.map((e) => [e.type, e.key, e.data.inboundId, e.data.channelId])).toEqual([
      [INBOUND_RECEIVED_V1, '10690000', 'i-1', 'ch'],
      [INBOUND_RECEIVED_V1, '10690001', 'i-2', 'ch'],
    ]);
    expect(new Set([...submissions, ...reports, ...replies].map((e) => e.id)).size).toBe(6);
  });

  it('publishes what is left once more when it stops, and nothing after', async () => {
    const state = await stateWithMessages();
    const bus = new RecordingBus();
    const relay = new RelayOutcomesHandler(state, bus, clock);
    await state.record({ ...nothing, submissions: [submitted('m-1', 'acc-1', 'op-1')] });
    await relay.stop();
    expect(bus.published).toHaveLength(1);

    await state.record({ ...nothing, submissions: [submitted('m-2', 'acc-1', 'op-2')] });
    relay.handle();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(bus.published).toHaveLength(1);
    expect(await state.outbox(10)).toHaveLength(1);
  });
});
