import type { RecordedEvent } from '@sms/event-store';
import type { BatchAccepted, BatchRouted } from '../domain/events';
import { batchOf } from './message-read-model.contract';
import { toMessagesAccepted, toMessagesRouted } from './outbox-mapping';

const domestic = batchOf('b-1', ['m-1'], { outId: 'order-7', requestHash: 'h', texts: { domestic: '【阿里云】您好', international: 'Hello' } });
const batch: BatchAccepted = {
  ...domestic,
  messages: [
    ...domestic.messages,
    { messageId: 'm-2', phoneNumber: '+447400123456', countryCode: 'GB', operator: 'INTERNATIONAL', segments: 1, encoding: 'gsm7', text: 'international' },
  ],
};
const recorded = (type: string, data: unknown): RecordedEvent => ({
  id: '5cfa5131-40db-5243-8289-862d40307288',
  type,
  streamName: 'dispatch-batch-b-1',
  revision: 0n,
  position: 7n,
  data,
  metadata: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
  created: new Date('2026-11-23T10:00:01.000Z'),
});

describe('outbox mapping of the batch stream', () => {
  it('hands content-review each message with its rendered text, filled in from the batch', () => {
    expect(toMessagesAccepted(recorded('dispatch.BatchAccepted.v2', batch), batch)).toEqual({
      id: '5cfa5131-40db-5243-8289-862d40307288',
      type: 'sms.messages-accepted.v1',
      source: '/sms/dispatch',
      time: '2026-11-23T10:00:01.000Z',
      key: 'acc-1',
      data: {
        batchId: 'b-1',
        accountId: 'acc-1',
        kind: 'notification',
        signatureId: 'sig-1',
        templateId: 'tpl-1',
        acceptedAt: '2026-11-23T10:00:00.000Z',
        messages: [
          { messageId: 'm-1', phoneNumber: '+8613800138000', countryCode: 'CN', operator: 'CMCC', segments: 1, encoding: 'ucs2', text: '【阿里云】您好' },
          { messageId: 'm-2', phoneNumber: '+447400123456', countryCode: 'GB', operator: 'INTERNATIONAL', segments: 1, encoding: 'gsm7', text: 'Hello' },
        ],
      },
      extensions: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    });
  });

  it('hands the carrier each routed message with the batch’s text and the customer’s outId', () => {
    const routed: BatchRouted = {
      batchId: 'b-1',
      accountId: 'acc-1',
      channelId: 'smpp-default',
      routedAt: '2026-11-23T10:00:05.000Z',
      messages: [{ messageId: 'm-2', phoneNumber: '+447400123456', segments: 1, operator: 'INTERNATIONAL' }],
    };
    expect(toMessagesRouted(recorded('dispatch.BatchRouted.v1', routed), routed, batch).data).toEqual({
      batchId: 'b-1',
      accountId: 'acc-1',
      channelId: 'smpp-default',
      routedAt: '2026-11-23T10:00:05.000Z',
      messages: [{ messageId: 'm-2', phoneNumber: '+447400123456', text: 'Hello', segments: 1, operator: 'INTERNATIONAL', outId: 'order-7' }],
    });
    const { outId: _o, ...withoutOutId } = batch;
    expect(toMessagesRouted(recorded('dispatch.BatchRouted.v1', routed), routed, withoutOutId).data.messages[0]).not.toHaveProperty('outId');
  });

  it('hands the carrier the extension code of the batch’s signature, when it has one', () => {
    const routed: BatchRouted = {
      batchId: 'b-1',
      accountId: 'acc-1',
      channelId: 'smpp-default',
      routedAt: '2026-11-23T10:00:05.000Z',
      messages: [{ messageId: 'm-1', phoneNumber: '+8613800138000', segments: 1, operator: 'CMCC' }],
    };
    expect(toMessagesRouted(recorded('dispatch.BatchRouted.v1', routed), routed, batch, '1000').data).toMatchObject({ batchId: 'b-1', sourceExtension: '1000' });
    expect(toMessagesRouted(recorded('dispatch.BatchRouted.v1', routed), routed, batch).data).not.toHaveProperty('sourceExtension');
  });

  it('refuses a routed message its batch does not hold rather than send an empty text', () => {
    const routed: BatchRouted = { batchId: 'b-1', accountId: 'acc-1', channelId: 'c', routedAt: '', messages: [{ messageId: 'nope', phoneNumber: '+1', segments: 1, operator: 'CMCC' }] };
    expect(() => toMessagesRouted(recorded('dispatch.BatchRouted.v1', routed), routed, batch)).toThrow(/not in batch/);
  });
});
