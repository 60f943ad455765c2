import { DELIVERY_REPORT_V1, type MessagesSubmittedV1, PUBLIC_TOPICS } from '@sms/contracts';
import { consumed, InMemoryMessageReadModel, RecordingBus } from '../../test-support';
import { batchOf } from '../application/message-read-model.contract';
import { ReportFailuresHandler, receiptId } from './handler';

describe('ReportFailuresHandler', () => {
  let bus: RecordingBus;
  let messages: InMemoryMessageReadModel;
  const handler = () => new ReportFailuresHandler(bus, messages);

  beforeEach(async () => {
    bus = new RecordingBus();
    messages = new InMemoryMessageReadModel();
    await messages.insertBatches([batchOf('b-1', ['m-1', 'm-2', 'm-3', 'm-4'], { outId: 'order-7' })]);
  });

  const result = (messageId: string, status: 'SUBMITTED' | 'FAILED', errorCode?: string) => ({
    messageId,
    batchId: 'b-1',
    status,
    segmentsSubmitted: status === 'SUBMITTED' ? 1 : 0,
    segmentsFailed: status === 'SUBMITTED' ? 0 : 1,
    operatorMessageIds: status === 'SUBMITTED' ? [`op-${messageId}`] : [],
    submittedAt: '2026-11-23T10:00:01.000Z',
    ...(errorCode ? { errorCode } : {}),
  });

  it('publishes the final receipt of each submission the operator refused — not of those submitted or cancelled', async () => {
    const event = consumed<MessagesSubmittedV1>('sms.messages-submitted.v1', {
      accountId: 'acc-1',
      channelId: 'smpp-default',
      results: [result('m-1', 'SUBMITTED'), result('m-2', 'FAILED', 'ESME_RSUBMITFAIL'), result('m-3', 'FAILED'), result('m-4', 'FAILED', 'CANCELLED')],
    });
    await handler().submissions(event);
    expect(bus.on(PUBLIC_TOPICS.deliveryReceipts)).toEqual([
      {
        id: receiptId(event.id, 'm-2'),
        type: DELIVERY_REPORT_V1,
        source: '/sms/dispatch',
        time: '2026-11-23T10:00:01.000Z',
        key: 'acc-1',
        data: {
          messageId: 'm-2',
          batchId: 'b-1',
          accountId: 'acc-1',
          outId: 'order-7',
          phoneNumber: '+8613800138001',
          status: 'FAILED',
          operator: 'CMCC',
          operatorMessageId: '',
          errorCode: 'ESME_RSUBMITFAIL',
          submittedAt: '2026-11-23T10:00:01.000Z',
          doneAt: '2026-11-23T10:00:01.000Z',
          segments: 1,
        },
        extensions: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      },
      expect.objectContaining({ id: receiptId(event.id, 'm-3'), data: expect.objectContaining({ messageId: 'm-3', status: 'FAILED', errorCode: 'SUBMIT_FAILED' }) }),
    ]);
    // A redelivery publishes the same ids (subscribers deduplicate).
    await handler().submissions(event);
    expect(bus.published.map((p) => p.event.id)).toEqual([receiptId(event.id, 'm-2'), receiptId(event.id, 'm-3'), receiptId(event.id, 'm-2'), receiptId(event.id, 'm-3')]);
  });

  it('publishes nothing, and looks nothing up, when every submission went through', async () => {
    let lookups = 0;
    const findMany = messages.findMany.bind(messages);
    messages.findMany = async (ids) => (lookups++, findMany(ids));
    await handler().submissions(consumed<MessagesSubmittedV1>('sms.messages-submitted.v1', { accountId: 'acc-1', channelId: 'smpp-default', results: [result('m-1', 'SUBMITTED')] }));
    expect([bus.published, lookups]).toEqual([[], 0]);
  });

  it('publishes FAILED NO_ROUTE for the messages of a routing failure it knows', async () => {
    await handler().routingFailed('ev-9', {
      batchId: 'b-1',
      accountId: 'acc-1',
      failedAt: '2026-11-23T10:00:00.500Z',
      code: 'NO_ROUTE',
      detail: 'No channel serves this operator',
      messageIds: ['m-1', 'unknown'],
    });
    expect(bus.on(PUBLIC_TOPICS.deliveryReceipts)).toEqual([
      expect.objectContaining({
        id: receiptId('ev-9', 'm-1'),
        data: expect.objectContaining({ messageId: 'm-1', status: 'FAILED', errorCode: 'NO_ROUTE', outId: 'order-7', operatorMessageId: '', doneAt: '2026-11-23T10:00:00.500Z' }),
      }),
    ]);
  });
});
