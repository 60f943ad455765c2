import { Logger } from '@nestjs/common';
import { InMemoryCarrierState } from '../../test-support';
import type { ChannelReceipt } from '../application/carrier-state.port';
import type { SubmissionResult } from '../domain/events';
import { type OperatorAnswer, RecordOutcomesHandler } from './handler';

const submission = (messageId: string, operatorMessageIds: string[]): OperatorAnswer => ({
  kind: 'submission',
  channelId: 'ch',
  result: {
    messageId,
    batchId: 'b-1',
    accountId: 'acc-1',
    status: 'SUBMITTED',
    segmentsSubmitted: operatorMessageIds.length,
    segmentsFailed: 0,
    operatorMessageIds,
    submittedAt: '2026-11-23T10:00:01.000Z',
  } satisfies SubmissionResult,
});
const receipt = (operatorMessageId: string, status: ChannelReceipt['status'] = 'DELIVERED'): OperatorAnswer => ({
  kind: 'receipt',
  receipt: { channelId: 'ch', operatorMessageId, status, doneAt: '2026-11-23T10:00:05.000Z' },
});
const inbound = (inboundId: string): OperatorAnswer => ({
  kind: 'inbound',
  channelId: 'ch',
  message: { inboundId, from: '+8613800138000', to: '10690000', content: 'TD', receivedAt: '2026-11-23T10:00:06.000Z' },
});

describe('RecordOutcomesHandler', () => {
  let state: InMemoryCarrierState;
  let relayed: number;
  let warn: jest.SpyInstance;
  let handler: RecordOutcomesHandler;

  const outbox = async () => (await state.outbox(100)).map((e) => [e.kind, e.items.map((i) => ('messageId' in i ? i.messageId : i.inboundId))]);

  beforeEach(async () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T10:00:02.000Z') });
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    state = new InMemoryCarrierState();
    await state.enqueue('e-1', {
      batchId: 'b-1',
      accountId: 'acc-1',
      channelId: 'ch',
      routedAt: '2026-11-23T10:00:00.000Z',
      messages: ['m-1', 'm-2'].map((messageId) => ({ messageId, phoneNumber: '+8613800138000', text: '【测试】您好', segments: 1, operator: 'CMCC' as const })),
    });
    relayed = 0;
    handler = new RecordOutcomesHandler(state, { handle: () => void relayed++ });
  });

  afterEach(() => {
    warn.mockRestore();
    jest.useRealTimers();
  });

  it('records what one turn of the event loop brought in one unit, then tells the relay', async () => {
    const record = jest.spyOn(state, 'record');
    handler.handle(submission('m-1', ['op-1']));
    handler.handle(inbound('i-1'));
    handler.handle(receipt('op-1'));
    expect(record).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(0);
    expect(record).toHaveBeenCalledTimes(1);
    expect(await outbox()).toEqual([
      ['submission', ['m-1']],
      ['inbound', ['i-1']],
      ['delivery', ['m-1']],
    ]);
    expect(relayed).toBe(1);
  });

  it('leaves a receipt that overtook its submit acknowledgement to the state, which reports the message once the acknowledgement is recorded', async () => {
    const record = jest.spyOn(state, 'record');
    handler.handle(receipt('op-1'));
    await jest.advanceTimersByTimeAsync(0);
    expect(await outbox()).toEqual([]);
    expect(await state.unmatchedReceipts('ch')).toBe(1);
    // Nothing is retried from memory: no write until something new comes.
    await jest.advanceTimersByTimeAsync(120_000);
    expect(record).toHaveBeenCalledTimes(1);

    handler.handle(submission('m-1', ['op-1']));
    await jest.advanceTimersByTimeAsync(0);
    expect(await outbox()).toEqual([
      ['submission', ['m-1']],
      ['delivery', ['m-1']],
    ]);
    expect(await state.unmatchedReceipts('ch')).toBe(0);

    // The same receipt again (the operator repeats it) changes nothing.
    handler.handle(receipt('op-1'));
    await jest.advanceTimersByTimeAsync(0);
    expect(await outbox()).toEqual([
      ['submission', ['m-1']],
      ['delivery', ['m-1']],
    ]);
    expect(await state.unmatchedReceipts()).toBe(0);
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps a receipt for an id never submitted, however long it waits, without holding back the others of its write', async () => {
    handler.handle(receipt('op-unknown'));
    handler.handle(submission('m-2', ['op-2']));
    handler.handle(receipt('op-2'));
    await jest.advanceTimersByTimeAsync(0);
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    expect(await outbox()).toEqual([
      ['submission', ['m-2']],
      ['delivery', ['m-2']],
    ]);
    expect(await state.unmatchedReceipts('ch')).toBe(1);
    expect(relayed).toBe(1);
  });

  it('retries a failed write and loses nothing of it, nor of what came in meanwhile', async () => {
    const record = jest.spyOn(state, 'record').mockRejectedValueOnce(new Error('disk I/O error'));
    handler.handle(submission('m-1', ['op-1']));
    handler.handle(receipt('op-1'));
    handler.handle(inbound('i-1'));
    await jest.advanceTimersByTimeAsync(0);
    expect(await outbox()).toEqual([]);
    expect(warn).toHaveBeenCalledWith('recording carrier outcomes failed, retrying: disk I/O error');
    expect(relayed).toBe(0);

    handler.handle(submission('m-2', ['op-2']));
    await jest.advanceTimersByTimeAsync(500);
    expect(await outbox()).toEqual([
      ['submission', ['m-1', 'm-2']],
      ['inbound', ['i-1']],
      ['delivery', ['m-1']],
    ]);
    expect(record.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(relayed).toBeGreaterThanOrEqual(1);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('flush writes what is buffered, rejects when that write fails, and writes again on the next flush', async () => {
    jest.spyOn(state, 'record').mockRejectedValueOnce(new Error('disk I/O error'));
    handler.handle(submission('m-1', ['op-1']));
    await expect(handler.flush()).rejects.toThrow('disk I/O error');
    await handler.flush();
    expect(await outbox()).toEqual([['submission', ['m-1']]]);
  });
});
