import { DELIVERY_REPORT_V1, type DeliveryReportedV1, PUBLIC_TOPICS } from '@sms/contracts';
import { deterministicId } from '@sms/service-kit';
import { consumed, InMemoryMessageReadModel, InMemoryReadModelDatabase, RecordingBus } from '../../test-support';
import { batchOf } from '../application/message-read-model.contract';
import { ReportDeliveriesHandler } from './handler';

const doneAt = '2026-11-23T10:00:03.000Z';
const echoed: DeliveryReportedV1['reports'][number] = {
  messageId: 'm-1',
  batchId: 'b-1',
  operatorMessageId: 'op-1',
  status: 'DELIVERED',
  submittedAt: '2026-11-23T10:00:01.000Z',
  doneAt,
  phoneNumber: '+8613800138000',
  operator: 'CMCC',
  outId: 'order-7',
  segments: 2,
};

describe('ReportDeliveriesHandler', () => {
  let bus: RecordingBus;
  let db: InMemoryReadModelDatabase;
  let messages: InMemoryMessageReadModel;
  let lookups: string[][];
  const handler = () => new ReportDeliveriesHandler(bus, db, messages);

  beforeEach(async () => {
    bus = new RecordingBus();
    db = new InMemoryReadModelDatabase();
    messages = new InMemoryMessageReadModel();
    await messages.insertBatches([batchOf('b-1', ['m-1', 'm-2'], { outId: 'order-7' })]);
    lookups = [];
    const findMany = messages.findMany.bind(messages);
    messages.findMany = async (ids) => (lookups.push(ids), findMany(ids));
  });

  it('publishes the public receipt from what the carrier echoed, without a lookup, then applies the status', async () => {
    const event = consumed<DeliveryReportedV1>('sms.delivery-reported.v1', { accountId: 'acc-1', channelId: 'smpp-default', reports: [echoed] });
    await handler().handle(event);
    expect(lookups).toEqual([]);
    expect(bus.published).toEqual([
      {
        topic: PUBLIC_TOPICS.deliveryReceipts,
        event: {
          id: deterministicId(event.id, 'delivery-report', 'm-1'),
          type: DELIVERY_REPORT_V1,
          source: '/sms/dispatch',
          time: event.time,
          key: 'acc-1',
          data: {
            messageId: 'm-1',
            batchId: 'b-1',
            accountId: 'acc-1',
            outId: 'order-7',
            phoneNumber: '+8613800138000',
            status: 'DELIVERED',
            operator: 'CMCC',
            operatorMessageId: 'op-1',
            submittedAt: '2026-11-23T10:00:01.000Z',
            doneAt,
            segments: 2,
          },
          extensions: event.extensions,
        },
      },
    ]);
    expect(await messages.find('m-1')).toMatchObject({ status: 'DELIVERED', doneAt });
  });

  it('records the submission facts the report carries: the channel, the submit time, and the operator id of a one-part message', async () => {
    const onePart = { ...echoed, messageId: 'm-2', operatorMessageId: 'op-2', segments: 1 };
    await handler().handle(consumed<DeliveryReportedV1>('sms.delivery-reported.v1', { accountId: 'acc-1', channelId: 'smpp-default', reports: [echoed, onePart] }));
    expect(await messages.find('m-2')).toMatchObject({
      status: 'DELIVERED',
      channelId: 'smpp-default',
      submittedAt: '2026-11-23T10:00:01.000Z',
      operatorMessageIds: ['op-2'],
      doneAt,
    });
    // A two-part message's other id is the submission's to tell.
    expect((await messages.find('m-1'))?.operatorMessageIds).toBeUndefined();
  });

  it('completes a report that lacks the echoes from the read model, preferring its submit time', async () => {
    await messages.advance([{ messageId: 'm-2', status: 'SUBMITTED', submittedAt: '2026-11-23T10:00:00.500Z' }]);
    const event = consumed<DeliveryReportedV1>('sms.delivery-reported.v1', {
      accountId: 'acc-1',
      channelId: 'smpp-default',
      reports: [
        echoed,
        { messageId: 'm-2', batchId: 'b-1', operatorMessageId: 'op-2', status: 'UNDELIVERED', errorCode: '001', submittedAt: '2026-11-23T10:00:00.600Z', doneAt },
        { messageId: 'm-unknown', batchId: 'b-1', operatorMessageId: 'op-3', status: 'DELIVERED', doneAt },
      ],
    });
    await handler().handle(event);
    expect(lookups).toEqual([['m-2', 'm-unknown']]);
    // A report about a message neither the carrier's echo nor the read model describes is not ours to tell.
    expect(bus.published.map((p) => p.event.data)).toEqual([
      expect.objectContaining({ messageId: 'm-1' }),
      {
        messageId: 'm-2',
        batchId: 'b-1',
        accountId: 'acc-1',
        outId: 'order-7',
        phoneNumber: '+8613800138001',
        status: 'UNDELIVERED',
        operator: 'CMCC',
        operatorMessageId: 'op-2',
        errorCode: '001',
        submittedAt: '2026-11-23T10:00:00.500Z',
        doneAt,
        segments: 1,
      },
    ]);
    expect(await messages.find('m-2')).toMatchObject({ status: 'UNDELIVERED', errorCode: '001', doneAt });
  });

  it('takes the submit time from the report, then the done time, when nothing else knows it', async () => {
    const { submittedAt: _s, ...withoutSubmit } = echoed;
    await handler().handle(consumed<DeliveryReportedV1>('sms.delivery-reported.v1', { accountId: 'acc-1', channelId: 'c', reports: [withoutSubmit] }));
    expect((bus.published[0].event.data as { submittedAt: string }).submittedAt).toBe(doneAt);
  });

  it('republishes the same ids on a redelivery and applies the statuses once', async () => {
    const event = consumed<DeliveryReportedV1>('sms.delivery-reported.v1', { accountId: 'acc-1', channelId: 'smpp-default', reports: [echoed] });
    await handler().handle(event);
    await handler().handle(event);
    expect(bus.published).toHaveLength(2);
    expect(bus.published[1]).toEqual(bus.published[0]);
    expect([...db.claims]).toEqual([`receipts\u0000${event.id}`]);
  });

  it('claims nothing when publishing fails, so the retry publishes and applies', async () => {
    const event = consumed<DeliveryReportedV1>('sms.delivery-reported.v1', { accountId: 'acc-1', channelId: 'smpp-default', reports: [echoed] });
    bus.failNext = true;
    await expect(handler().handle(event)).rejects.toThrow('bus unavailable');
    expect((await messages.find('m-1'))?.status).toBe('ACCEPTED');
    await handler().handle(event);
    expect(bus.published).toHaveLength(1);
    expect((await messages.find('m-1'))?.status).toBe('DELIVERED');
  });
});
