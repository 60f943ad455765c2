import { MESSAGES_ROUTED_V1, type MessagesRoutedV1 } from '@sms/contracts';
import { consumed, fixedClock, InMemoryCarrierState } from '../../test-support';
import { QueueRoutedHandler } from './handler';

const message = (messageId: string, extra: Partial<MessagesRoutedV1['messages'][number]> = {}): MessagesRoutedV1['messages'][number] => ({
  messageId,
  phoneNumber: '+8613800138000',
  text: '【测试】您好',
  segments: 1,
  operator: 'CMCC',
  ...extra,
});
const routed = (messages: MessagesRoutedV1['messages'], extra: Partial<MessagesRoutedV1> = {}, id?: string) =>
  consumed<MessagesRoutedV1>(MESSAGES_ROUTED_V1, { batchId: 'b-1', accountId: 'acc-1', channelId: 'smpp-default', routedAt: '2026-11-23T10:00:00.000Z', messages, ...extra }, id);

describe('QueueRoutedHandler', () => {
  let state: InMemoryCarrierState;
  let wakes: number;
  let relayed: number;
  let handler: QueueRoutedHandler;

  beforeEach(() => {
    state = new InMemoryCarrierState();
    wakes = 0;
    relayed = 0;
    handler = new QueueRoutedHandler(state, { handle: () => void wakes++ }, fixedClock('2026-11-23T10:00:02.000Z'), { handle: () => void relayed++ });
  });

  it('queues the routed messages in order, for their channel, and wakes the submit loop', async () => {
    await handler.handle(routed([message('m-1', { outId: 'order-1' }), message('m-2', { segments: 2 })]));
    expect((await state.queued(0, 10)).map((q) => [q.messageId, q.channelId, q.accountId, q.batchId, q.segments])).toEqual([
      ['m-1', 'smpp-default', 'acc-1', 'b-1', 1],
      ['m-2', 'smpp-default', 'acc-1', 'b-1', 2],
    ]);
    expect(wakes).toBe(1);
  });

  it('queues nothing and wakes nothing for a redelivered event', async () => {
    const event = routed([message('m-1'), message('m-2')]);
    await handler.handle(event);
    await handler.handle(event);
    expect(await state.queued(0, 10)).toHaveLength(2);
    expect(wakes).toBe(1);
    expect(relayed).toBe(1);
  });

  it.each([
    ['no messages array', { messages: undefined as unknown as MessagesRoutedV1['messages'] }, 'messages'],
    ['an empty channel', { channelId: '' }, 'channelId'],
    ['a routedAt that is no time', { routedAt: 'yesterday' }, 'routedAt'],
    ['a message without an id', { messages: [message('')] }, 'messages.0: messageId'],
    ['a message without a phone number', { messages: [message('m-1', { phoneNumber: undefined as unknown as string })] }, 'messages.0: phoneNumber'],
    ['a message of no segments', { messages: [message('m-1', { segments: 0 })] }, 'messages.0: segments'],
    ['a message of an unknown operator', { messages: [message('m-1', { operator: 'ACME' as never })] }, 'messages.0: operator'],
  ])('throws on %s, queueing nothing and waking nothing (the bus retries, then dead-letters it)', async (_case, change, field) => {
    await expect(handler.handle(routed([message('m-1')], change))).rejects.toThrow(field);
    expect(await state.queued(0, 10)).toEqual([]);
    expect(wakes).toBe(0);
  });

  it('throws on a payload that is not an object', async () => {
    await expect(handler.handle(consumed(MESSAGES_ROUTED_V1, null))).rejects.toThrow(`Invalid ${MESSAGES_ROUTED_V1} payload`);
    expect(await state.queued(0, 10)).toEqual([]);
  });

  it("answers a halted account's routed messages CANCELLED as they arrive, at the time they are handled, and wakes the relay (ADR 0023)", async () => {
    await state.recordAccountStatus({ accountId: 'acc-1', status: 'FROZEN', changedAt: '2026-11-23T09:00:00.000Z' }, '2026-11-23T09:00:00.100Z');
    await handler.handle(routed([message('m-1'), message('m-2', { segments: 3 })]));
    expect(await state.queued(0, 10)).toEqual([]);
    const results = (await state.outbox(10)).flatMap((e) => e.items as unknown[]);
    expect(results).toEqual([
      expect.objectContaining({ messageId: 'm-1', status: 'FAILED', segmentsSubmitted: 0, segmentsFailed: 1, errorCode: 'CANCELLED', cancelReason: 'ACCOUNT_FROZEN', submittedAt: '2026-11-23T10:00:02.000Z' }),
      expect.objectContaining({ messageId: 'm-2', status: 'FAILED', segmentsSubmitted: 0, segmentsFailed: 3, errorCode: 'CANCELLED', cancelReason: 'ACCOUNT_FROZEN' }),
    ]);
    expect(relayed).toBe(1);
  });

  it('answers CANCELLED a routed message whose cancellation came first, and queues the rest', async () => {
    await state.cancel('c-1', { accountId: 'acc-1', requestedAt: '2026-11-23T09:59:59.000Z', messages: [{ messageId: 'm-2', batchId: 'b-1' }] }, '2026-11-23T10:00:00.000Z');
    await handler.handle(routed([message('m-1'), message('m-2')]));
    expect((await state.queued(0, 10)).map((q) => q.messageId)).toEqual(['m-1']);
    expect((await state.outbox(10)).flatMap((e) => e.items as unknown[])).toEqual([expect.objectContaining({ messageId: 'm-2', errorCode: 'CANCELLED', cancelReason: 'CANCELLED' })]);
  });

  it('still queues a message without an operator, as the queue always did (the operator is only echoed in reports)', async () => {
    await handler.handle(routed([message('m-1', { operator: undefined as never })]));
    expect(await state.queued(0, 10)).toHaveLength(1);
  });
});
