import { dispatchCodec } from '../../dispatch.codec';
import { type BatchAcceptedV1, upcastBatchAcceptedV1 } from './batch-accepted.v1';

const v1: BatchAcceptedV1 = {
  batchId: 'b-1',
  accountId: 'acc-1',
  kind: 'notification',
  signatureId: 'sig-1',
  templateId: 'tpl-1',
  outId: 'order-7',
  acceptedAt: '2026-11-23T10:00:00.000Z',
  messages: [
    { messageId: 'm-1', phoneNumber: '+8613800138000', countryCode: 'CN', operator: 'CMCC', segments: 1, encoding: 'ucs2', text: '【阿里云】您好' },
    { messageId: 'm-2', phoneNumber: '+447400123456', countryCode: 'GB', operator: 'INTERNATIONAL', segments: 1, encoding: 'gsm7', text: 'Hello' },
    { messageId: 'm-3', phoneNumber: '+8613012345678', countryCode: 'CN', operator: 'CUCC', segments: 1, encoding: 'ucs2', text: '【阿里云】您好' },
  ],
  rejected: [{ phoneNumber: 'abc', code: 'INVALID_PHONE_NUMBER', detail: 'not a number' }],
};

describe('BatchAccepted v1 → v2', () => {
  it('moves each distinct text to the batch, once, and has each message refer to its own', () => {
    expect(upcastBatchAcceptedV1(v1)).toEqual({
      batchId: 'b-1',
      accountId: 'acc-1',
      kind: 'notification',
      signatureId: 'sig-1',
      templateId: 'tpl-1',
      outId: 'order-7',
      acceptedAt: '2026-11-23T10:00:00.000Z',
      texts: { domestic: '【阿里云】您好', international: 'Hello' },
      messages: [
        { messageId: 'm-1', phoneNumber: '+8613800138000', countryCode: 'CN', operator: 'CMCC', segments: 1, encoding: 'ucs2', text: 'domestic' },
        { messageId: 'm-2', phoneNumber: '+447400123456', countryCode: 'GB', operator: 'INTERNATIONAL', segments: 1, encoding: 'gsm7', text: 'international' },
        { messageId: 'm-3', phoneNumber: '+8613012345678', countryCode: 'CN', operator: 'CUCC', segments: 1, encoding: 'ucs2', text: 'domestic' },
      ],
      rejected: [{ phoneNumber: 'abc', code: 'INVALID_PHONE_NUMBER', detail: 'not a number' }],
    });
  });

  it('is what the dispatch codec reads from a stored v1 event, while new events are written as v2', () => {
    const decoded = dispatchCodec.decode({ type: 'dispatch.BatchAccepted.v1', data: v1 });
    expect(decoded).toEqual({ type: 'BatchAccepted', data: upcastBatchAcceptedV1(v1) });
    expect(decoded && dispatchCodec.encode(decoded)).toEqual({ type: 'dispatch.BatchAccepted.v2', data: upcastBatchAcceptedV1(v1) });
    expect(dispatchCodec.knows('dispatch.BatchAccepted.v1')).toBe(true);
  });
});
