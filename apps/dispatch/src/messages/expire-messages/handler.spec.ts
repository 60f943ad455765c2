import { DELIVERY_REPORT_V1, PUBLIC_TOPICS } from '@sms/contracts';
import { loadConfig } from '@sms/service-kit';
import { DispatchConfig } from '../../dispatch.config';
import { InMemoryMessageReadModel, InMemoryReadModelDatabase, RecordingBus } from '../../test-support';
import { batchOf } from '../application/message-read-model.contract';
import { EXPIRY_CHUNK, ExpireMessagesHandler, expiryReceiptId } from './handler';

const HOUR = 3_600_000;
const SUBMITTED_AT = '2026-11-20T10:00:00.000Z';

describe('ExpireMessagesHandler', () => {
  let now: number;
  let bus: RecordingBus;
  let messages: InMemoryMessageReadModel;
  const config = loadConfig({}).settings(DispatchConfig);
  const handler = () => new ExpireMessagesHandler(bus, new InMemoryReadModelDatabase(), messages, { now: () => new Date(now) }, config);

  beforeEach(async () => {
    bus = new RecordingBus();
    messages = new InMemoryMessageReadModel();
    await messages.insertBatches([batchOf('b-1', ['m-1', 'm-2', 'm-3'], { outId: 'order-7' })]);
    await messages.advance(['m-1', 'm-2', 'm-3'].map((messageId) => ({ messageId, status: 'SUBMITTED', operatorMessageIds: [`op-${messageId}`], submittedAt: SUBMITTED_AT, channelId: 'smpp-default' })));
    await messages.advance([{ messageId: 'm-3', status: 'DELIVERED', doneAt: '2026-11-20T10:00:05.000Z' }]);
  });

  it('leaves messages alone until 72 h after their submission', async () => {
    now = Date.parse(SUBMITTED_AT) + 72 * HOUR;
    expect(await handler().handle()).toBe(0);
    expect(bus.published).toEqual([]);
    expect((await messages.find('m-1'))?.status).toBe('SUBMITTED');
  });

  it('then makes them EXPIRED (RECEIPT_TIMEOUT) and publishes their final receipts, outId included; a delivered one is untouched', async () => {
    now = Date.parse(SUBMITTED_AT) + 72 * HOUR + 1;
    expect(await handler().handle()).toBe(2);
    const expiredAt = new Date(Date.parse(SUBMITTED_AT) + 72 * HOUR).toISOString();
    expect(bus.on(PUBLIC_TOPICS.deliveryReceipts)).toEqual([
      {
        id: expiryReceiptId('m-1'),
        type: DELIVERY_REPORT_V1,
        source: '/sms/dispatch',
        time: expiredAt,
        key: 'acc-1',
        data: {
          messageId: 'm-1',
          batchId: 'b-1',
          accountId: 'acc-1',
          outId: 'order-7',
          phoneNumber: '+8613800138000',
          status: 'EXPIRED',
          operator: 'CMCC',
          operatorMessageId: 'op-m-1',
          errorCode: 'RECEIPT_TIMEOUT',
          submittedAt: SUBMITTED_AT,
          doneAt: expiredAt,
          segments: 1,
        },
        extensions: {},
      },
      expect.objectContaining({ id: expiryReceiptId('m-2'), data: expect.objectContaining({ messageId: 'm-2', status: 'EXPIRED' }) }),
    ]);
    expect(await messages.find('m-1')).toMatchObject({ status: 'EXPIRED', errorCode: 'RECEIPT_TIMEOUT', doneAt: expiredAt });
    expect((await messages.find('m-3'))?.status).toBe('DELIVERED');
    // The next sweep finds nothing; a receipt that comes after all does not move the message back.
    expect(await handler().handle()).toBe(0);
    await messages.advance([{ messageId: 'm-1', status: 'DELIVERED', doneAt: new Date(now).toISOString() }]);
    expect((await messages.find('m-1'))?.status).toBe('EXPIRED');
  });

  it('publishes before it writes: a failed publish expires nothing, and the retry publishes the same receipts', async () => {
    now = Date.parse(SUBMITTED_AT) + 73 * HOUR;
    bus.failNext = true;
    await expect(handler().handle()).rejects.toThrow('bus unavailable');
    expect((await messages.find('m-1'))?.status).toBe('SUBMITTED');
    now += HOUR;
    expect(await handler().handle()).toBe(2);
    expect(bus.on(PUBLIC_TOPICS.deliveryReceipts).map((e) => e.id)).toEqual([expiryReceiptId('m-1'), expiryReceiptId('m-2')]);
  });

  it('works through more than a chunk, a chunk at a time', async () => {
    const ids = Array.from({ length: EXPIRY_CHUNK + 7 }, (_, i) => `x-${String(i).padStart(4, '0')}`);
    await messages.insertBatches([batchOf('b-2', ids)]);
    await messages.advance(ids.map((messageId) => ({ messageId, status: 'SUBMITTED', submittedAt: SUBMITTED_AT })));
    now = Date.parse(SUBMITTED_AT) + 80 * HOUR;
    expect(await handler().handle()).toBe(EXPIRY_CHUNK + 9);
    expect(bus.published.length).toBe(EXPIRY_CHUNK + 9);
  });

  it('honours RECEIPT_VALIDITY_HOURS', async () => {
    now = Date.parse(SUBMITTED_AT) + 2 * HOUR;
    const short = loadConfig({ RECEIPT_VALIDITY_HOURS: '1' }).settings(DispatchConfig);
    expect(await new ExpireMessagesHandler(bus, new InMemoryReadModelDatabase(), messages, { now: () => new Date(now) }, short).handle()).toBe(2);
  });
});
