import { MESSAGE_CANCELLATIONS_REQUESTED_V1, type MessageCancellationsRequestedV1, type MessagesRoutedV1 } from '@sms/contracts';
import { consumed, fixedClock, InMemoryCarrierState } from '../../test-support';
import type { SubmissionResult } from '../domain/events';
import { CancelQueuedHandler } from './handler';

const routed = (ids: string[]): MessagesRoutedV1 => ({
  batchId: 'b-1',
  accountId: 'acc-1',
  channelId: 'ch',
  routedAt: '2026-11-23T09:59:00.000Z',
  messages: ids.map((messageId) => ({ messageId, phoneNumber: '+8613800138000', text: '【测试】您好', segments: 2, operator: 'CMCC' as const })),
});
const request = (ids: string[], id?: string, accountId = 'acc-1') =>
  consumed<MessageCancellationsRequestedV1>(
    MESSAGE_CANCELLATIONS_REQUESTED_V1,
    { accountId, requestedAt: '2026-11-23T10:00:00.000Z', messages: ids.map((messageId) => ({ messageId, batchId: 'b-1' })) },
    id,
  );

describe('CancelQueuedHandler', () => {
  let state: InMemoryCarrierState;
  let relayed: number;
  let handler: CancelQueuedHandler;
  const results = async () => (await state.outbox(100)).flatMap((e) => e.items as SubmissionResult[]);
  const queuedIds = async () => (await state.queued(0, 100)).map((q) => q.messageId);

  beforeEach(async () => {
    state = new InMemoryCarrierState();
    relayed = 0;
    handler = new CancelQueuedHandler(state, fixedClock('2026-11-23T10:00:00.300Z'), { handle: () => void relayed++ });
    await state.enqueue('e-1', routed(['m-1', 'm-2', 'm-3']));
  });

  it('answers the named queued messages CANCELLED with nothing submitted, and wakes the relay', async () => {
    await handler.handle(request(['m-2', 'm-3']));
    expect(await queuedIds()).toEqual(['m-1']);
    expect(await results()).toEqual([
      expect.objectContaining({ messageId: 'm-2', status: 'FAILED', segmentsSubmitted: 0, segmentsFailed: 2, errorCode: 'CANCELLED', cancelReason: 'CANCELLED', submittedAt: '2026-11-23T10:00:00.300Z' }),
      expect.objectContaining({ messageId: 'm-3', status: 'FAILED', errorCode: 'CANCELLED' }),
    ]);
    expect(relayed).toBe(1);
  });

  it('cancels nothing twice for a redelivered request, and wakes nothing for it', async () => {
    const event = request(['m-1']);
    await handler.handle(event);
    await handler.handle(event);
    expect((await results()).map((r) => r.messageId)).toEqual(['m-1']);
    expect(relayed).toBe(1);
  });

  it("leaves a message in flight to its normal outcome, and another account's message alone", async () => {
    await state.queued(0, 1);
    await handler.handle(request(['m-1']));
    await handler.handle(request(['m-2'], undefined, 'acc-2'));
    expect(await queuedIds()).toEqual(['m-1', 'm-2', 'm-3']);
    expect(await results()).toEqual([]);
    expect(relayed).toBe(0);
  });

  it('remembers a message not queued yet, and cancels it when it arrives', async () => {
    await handler.handle(request(['m-9']));
    expect(relayed).toBe(0);
    await state.enqueue('e-2', { ...routed(['m-9']), batchId: 'b-2' }, '2026-11-23T10:00:01.000Z');
    expect(await queuedIds()).toEqual(['m-1', 'm-2', 'm-3']);
    expect((await results()).map((r) => [r.messageId, r.errorCode])).toEqual([['m-9', 'CANCELLED']]);
  });

  it.each([
    ['no messages array', { messages: undefined }, 'messages'],
    ['a message without an id', { messages: [{ messageId: '', batchId: 'b-1' }] }, 'messageId'],
    ['more than 1,000 messages', { messages: Array.from({ length: 1001 }, (_, i) => ({ messageId: `m-${i}`, batchId: 'b-1' })) }, 'messages'],
    ['a requestedAt that is no time', { requestedAt: 'now' }, 'requestedAt'],
  ])('throws on %s, cancelling nothing (the bus retries, then dead-letters it)', async (_case, patch, field) => {
    const event = request(['m-1']);
    await expect(handler.handle({ ...event, data: { ...event.data, ...patch } as never })).rejects.toThrow(field);
    expect(await queuedIds()).toHaveLength(3);
  });
});
