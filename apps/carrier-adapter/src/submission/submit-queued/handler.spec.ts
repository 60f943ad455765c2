import type { MessagesRoutedV1 } from '@sms/contracts';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import { FakeChannel, fixedClock, InMemoryCarrierState } from '../../test-support';
import { HaltedAccounts } from '../application/halted-accounts';
import type { OperatorChannel } from '../application/operator-channel.port';
import type { SubmissionResult } from '../domain/events';
import { RecordOutcomesHandler } from '../record-outcomes/handler';
import { SubmitQueuedHandler } from './handler';

const clock = fixedClock('2026-11-23T10:00:01.000Z');

const routed = (channelId: string, ids: string[], segments = 1): MessagesRoutedV1 => ({
  batchId: 'b-1',
  accountId: 'acc-1',
  channelId,
  routedAt: '2026-11-23T10:00:00.000Z',
  messages: ids.map((messageId, i) => ({ messageId, phoneNumber: `+86138001380${String(i).padStart(2, '0')}`, text: '【测试】您好', segments, operator: 'CMCC' as const })),
});

describe('SubmitQueuedHandler (the submit loop)', () => {
  let state: InMemoryCarrierState;
  let recorder: RecordOutcomesHandler;
  let halts: HaltedAccounts;
  let running: SubmitQueuedHandler | undefined;

  const start = (...channels: OperatorChannel[]) => {
    running = new SubmitQueuedHandler(state, new Map(channels.map((c) => [c.id, c])), clock, recorder, halts);
    running.start();
    return running;
  };
  /** Lets the loop, the channel answers and the recorder's write run. */
  const settle = () => jest.advanceTimersByTimeAsync(1);
  const results = async (): Promise<SubmissionResult[]> => (await state.outbox(100)).filter((e) => e.kind === 'submission').flatMap((e) => e.items as SubmissionResult[]);

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-23T10:00:01.000Z') });
    state = new InMemoryCarrierState();
    recorder = new RecordOutcomesHandler(state, { handle: () => undefined });
    halts = new HaltedAccounts();
  });

  afterEach(async () => {
    await running?.stop();
    running = undefined;
    jest.useRealTimers();
  });

  it("never has more in flight than the channels' capacity, and fills each freed slot", async () => {
    const channel = new FakeChannel('ch', 3);
    await state.enqueue('e-1', routed('ch', Array.from({ length: 10 }, (_, i) => `m-${i}`)));
    start(channel);
    await settle();
    expect(channel.held).toHaveLength(3);

    for (let answered = 0; answered < 10; answered++) {
      channel.held[0].acknowledge(`op-${answered}`);
      await settle();
      expect(channel.held.length).toBeLessThanOrEqual(3);
    }
    expect(channel.maxHeld).toBe(3);
    // Each message submitted once, in queue order.
    expect(channel.submitted.map((m) => m.to)).toEqual(Array.from({ length: 10 }, (_, i) => `+86138001380${String(i).padStart(2, '0')}`));
    expect((await results()).map((r) => r.status)).toEqual(Array(10).fill('SUBMITTED'));
    expect(await state.queued(0, 100)).toEqual([]);
  });

  it("hands the channel the extension code of each message's batch, and none for a batch without one (ADR 0021)", async () => {
    const channel = new FakeChannel('ch', 10);
    await state.enqueue('e-1', { ...routed('ch', ['m-1']), sourceExtension: '1000' });
    await state.enqueue('e-2', { ...routed('ch', ['m-2']), batchId: 'b-2' });
    start(channel);
    await settle();
    expect(channel.submitted.map((m) => m.sourceExtension)).toEqual(['1000', undefined]);
    expect(channel.submitted[1]).not.toHaveProperty('sourceExtension');
  });

  it('counts the capacity of every channel together', async () => {
    const a = new FakeChannel('a', 2);
    const b = new FakeChannel('b', 1);
    await state.enqueue('e-1', routed('a', ['m-1', 'm-2', 'm-3', 'm-4']));
    await state.enqueue('e-2', { ...routed('b', ['m-5']), batchId: 'b-2' });
    start(a, b);
    await settle();
    expect(a.held.length + b.held.length).toBe(3);
  });

  it('ends a message whose channel is unknown FAILED with UNKNOWN_CHANNEL, taking no capacity', async () => {
    const channel = new FakeChannel('ch', 1);
    await state.enqueue('e-1', routed('elsewhere', ['m-lost']));
    await state.enqueue('e-2', { ...routed('ch', ['m-1']), batchId: 'b-2' });
    start(channel);
    await settle();
    expect(await results()).toEqual([
      {
        messageId: 'm-lost',
        batchId: 'b-1',
        accountId: 'acc-1',
        status: 'FAILED',
        segmentsSubmitted: 0,
        segmentsFailed: 1,
        operatorMessageIds: [],
        submittedAt: '2026-11-23T10:00:01.000Z',
        errorCode: 'UNKNOWN_CHANNEL',
      },
    ]);
    expect(channel.held.map((h) => h.message.to)).toEqual(['+8613800138000']);
  });

  it('ends a message whose account was erased while it waited FAILED with DATA_ERASED, never submitting the placeholder', async () => {
    const channel = new FakeChannel('ch', 2);
    await state.enqueue('e-1', { ...routed('ch', ['m-erased']), messages: [{ ...routed('ch', ['m-erased']).messages[0], phoneNumber: PERSONAL_DATA_DESTROYED }] });
    await state.enqueue('e-2', { ...routed('ch', ['m-1']), batchId: 'b-2' });
    start(channel);
    await settle();
    expect((await results()).map((r) => [r.messageId, r.status, r.errorCode])).toEqual([['m-erased', 'FAILED', 'DATA_ERASED']]);
    expect(channel.held.map((h) => h.message.to)).toEqual(['+8613800138000']);
  });

  it('leaves a message queued, with no result, when its channel closes under the submit while stopping', async () => {
    const channel = new FakeChannel('ch', 5);
    await state.enqueue('e-1', routed('ch', ['m-1']));
    const handler = start(channel);
    await settle();
    expect(channel.held).toHaveLength(1);

    await handler.stop();
    await channel.close();
    await recorder.flush();
    expect(await results()).toEqual([]);
    expect((await state.queued(0, 10)).map((q) => q.messageId)).toEqual(['m-1']);

    // The next start submits it.
    const again = new FakeChannel('ch', 5, () => ({ parts: [{ seq: 1, operatorMessageId: 'op-1' }] }));
    start(again);
    await settle();
    expect(again.submitted).toHaveLength(1);
    expect(await results()).toEqual([expect.objectContaining({ messageId: 'm-1', status: 'SUBMITTED', operatorMessageIds: ['op-1'] })]);
  });

  it('ends a message FAILED with the error code when its submit fails while running', async () => {
    const channel = new FakeChannel('ch', 5);
    await state.enqueue('e-1', routed('ch', ['m-1', 'm-2']));
    start(channel);
    await settle();
    channel.held[1].fail(Object.assign(new Error('gone'), { code: 'SMPP_SESSION_CLOSED' }));
    channel.held[0].fail(new Error('no code'));
    await settle();
    expect((await results()).map((r) => [r.messageId, r.status, r.errorCode])).toEqual([
      ['m-2', 'FAILED', 'SMPP_SESSION_CLOSED'],
      ['m-1', 'FAILED', 'SUBMIT_ERROR'],
    ]);
    expect(await state.queued(0, 10)).toEqual([]);
  });

  it('ends a message the operator refused FAILED with the refusal code and nothing acknowledged', async () => {
    const channel = new FakeChannel('ch', 5);
    await state.enqueue('e-1', routed('ch', ['m-1']));
    start(channel);
    await settle();
    channel.held[0].answer({ parts: [{ seq: 1, error: { code: 'SMPP_0x45', detail: 'ESME_RSUBMITFAIL' } }] });
    await settle();
    expect(await results()).toEqual([
      {
        messageId: 'm-1',
        batchId: 'b-1',
        accountId: 'acc-1',
        status: 'FAILED',
        segmentsSubmitted: 0,
        segmentsFailed: 1,
        operatorMessageIds: [],
        submittedAt: '2026-11-23T10:00:01.000Z',
        errorCode: 'SMPP_0x45',
      },
    ]);
  });

  it('submits a partially acknowledged message with the acknowledged segments only, and reports it on their receipts', async () => {
    const channel = new FakeChannel('ch', 5);
    await state.enqueue('e-1', routed('ch', ['m-1'], 2));
    start(channel);
    await settle();
    channel.held[0].answer({ parts: [{ seq: 1, operatorMessageId: 'op-1' }, { seq: 2, error: { code: 'SMPP_0x58' } }] });
    await settle();
    expect(await results()).toEqual([
      expect.objectContaining({ messageId: 'm-1', status: 'SUBMITTED', segmentsSubmitted: 1, segmentsFailed: 1, operatorMessageIds: ['op-1'], errorCode: 'SMPP_0x58' }),
    ]);

    // One receipt is all an acknowledged segment count of one waits for.
    recorder.handle({ kind: 'receipt', receipt: { channelId: 'ch', operatorMessageId: 'op-1', status: 'DELIVERED', doneAt: '2026-11-23T10:00:05.000Z' } });
    await settle();
    const deliveries = (await state.outbox(100)).filter((e) => e.kind === 'delivery').flatMap((e) => e.items);
    expect(deliveries).toEqual([expect.objectContaining({ messageId: 'm-1', status: 'DELIVERED', segments: 2 })]);
  });

  it('picks up work queued while it idles', async () => {
    const channel = new FakeChannel('ch', 5, () => ({ parts: [{ seq: 1, operatorMessageId: 'op-1' }] }));
    const handler = start(channel);
    await settle();
    await state.enqueue('e-1', routed('ch', ['m-1']));
    handler.handle();
    await settle();
    expect(channel.submitted).toHaveLength(1);
  });

  it('keeps going after a failed read of the queue', async () => {
    const channel = new FakeChannel('ch', 5, () => ({ parts: [{ seq: 1, operatorMessageId: 'op-1' }] }));
    await state.enqueue('e-1', routed('ch', ['m-1']));
    const queued = state.queued.bind(state);
    let failures = 1;
    state.queued = async (after, limit) => (failures-- > 0 ? Promise.reject(new Error('database is locked')) : queued(after, limit));
    start(channel);
    await settle();
    expect(channel.submitted).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(600);
    expect(channel.submitted).toHaveLength(1);
  });

  describe('halted accounts (ADR 0023)', () => {
    const suspended = { accountId: 'acc-1', status: 'SUSPENDED' as const, changedAt: '2026-11-23T10:00:00.500Z' };

    it("hands no message of a halted account to a window: what it took before the halt is cancelled, other accounts' go out", async () => {
      const channel = new FakeChannel('ch', 1);
      await state.enqueue('e-1', routed('ch', ['m-0', 'm-1', 'm-2']));
      await state.enqueue('e-2', { ...routed('ch', ['x-0']), batchId: 'b-2', accountId: 'acc-2' });
      start(channel);
      await settle();
      expect(channel.held.map((h) => h.message.to)).toEqual(['+8613800138000']);
      // The halt comes while m-0 is in the window; m-1 and m-2 are handed to the loop only after it.
      halts.apply(suspended);
      channel.held[0].acknowledge('op-0');
      await settle();
      await settle();
      channel.held[0]?.acknowledge('op-x');
      await settle();

      expect(channel.submitted.map((m) => m.to)).toEqual(['+8613800138000', '+8613800138000']);
      expect((await results()).map((r) => [r.messageId, r.status, r.segmentsSubmitted, r.errorCode, r.cancelReason])).toEqual([
        ['m-0', 'SUBMITTED', 1, undefined, undefined],
        ['m-1', 'FAILED', 0, 'CANCELLED', 'ACCOUNT_SUSPENDED'],
        ['m-2', 'FAILED', 0, 'CANCELLED', 'ACCOUNT_SUSPENDED'],
        ['x-0', 'SUBMITTED', 1, undefined, undefined],
      ]);
      expect(await state.queued(0, 10)).toEqual([]);
    });

    it('sends again once the account is ACTIVE again', async () => {
      const channel = new FakeChannel('ch', 5, () => ({ parts: [{ seq: 1, operatorMessageId: 'op-1' }] }));
      halts.apply(suspended);
      halts.apply({ ...suspended, status: 'ACTIVE', changedAt: '2026-11-23T10:00:00.900Z' });
      await state.enqueue('e-1', routed('ch', ['m-1']));
      start(channel);
      await settle();
      expect(channel.submitted).toHaveLength(1);
      expect((await results()).map((r) => r.status)).toEqual(['SUBMITTED']);
    });
  });
});
