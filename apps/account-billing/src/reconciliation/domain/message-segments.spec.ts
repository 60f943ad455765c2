import type { MessagesSubmittedV1 } from '@sms/contracts';
import { acknowledgedMessages, billedMessages } from './message-segments';

const result = (messageId: string, extra: Partial<MessagesSubmittedV1['results'][number]> = {}): MessagesSubmittedV1['results'][number] => ({
  messageId,
  batchId: 'batch-1',
  status: 'SUBMITTED',
  segmentsSubmitted: 2,
  segmentsFailed: 0,
  operatorMessageIds: ['op-1', 'op-2'],
  submittedAt: '2026-11-23T10:00:00.000Z',
  ...extra,
});

describe('acknowledgedMessages', () => {
  it('takes the segments the operator acknowledged, at the time it acknowledged them', () => {
    const submitted: MessagesSubmittedV1 = {
      accountId: 'acc-1',
      channelId: 'smpp-default',
      results: [
        result('m-1'),
        result('m-2', { segmentsSubmitted: 1, segmentsFailed: 1, submittedAt: '2026-11-23T10:00:01.000Z' }),
        result('m-3', { status: 'FAILED', segmentsSubmitted: 0, segmentsFailed: 2, errorCode: '0x45' }),
        result('m-4', { status: 'FAILED', segmentsSubmitted: 0, errorCode: 'CANCELLED', cancelReason: 'CANCELLED' }),
        result('m-5', { submittedAt: 'not a time' }),
      ],
    };
    expect(acknowledgedMessages(submitted, '2026-11-23T10:00:05.000Z')).toEqual([
      { messageId: 'm-1', accountId: 'acc-1', batchId: 'batch-1', segments: 2, atMs: Date.parse('2026-11-23T10:00:00.000Z') },
      { messageId: 'm-2', accountId: 'acc-1', batchId: 'batch-1', segments: 1, atMs: Date.parse('2026-11-23T10:00:01.000Z') },
      { messageId: 'm-5', accountId: 'acc-1', batchId: 'batch-1', segments: 2, atMs: Date.parse('2026-11-23T10:00:05.000Z') },
    ]);
  });
});

describe('billedMessages', () => {
  it('takes segments and amount per captured item, at the capture time', () => {
    expect(
      billedMessages('acc-1', {
        batchKey: 'evt-1',
        capturedAt: '2026-11-23T10:00:02.000Z',
        capturedMinor: 1350n,
        releasedMinor: 450n,
        items: [
          { messageId: 'm-1', batchId: 'batch-1', segments: 2, amountMinor: 900n, releasedMinor: 0n },
          { messageId: 'm-2', segments: 1, amountMinor: 450n, releasedMinor: 450n },
        ],
      }),
    ).toEqual([
      { messageId: 'm-1', accountId: 'acc-1', batchId: 'batch-1', segments: 2, chargedMinor: 900n, atMs: Date.parse('2026-11-23T10:00:02.000Z') },
      { messageId: 'm-2', accountId: 'acc-1', segments: 1, chargedMinor: 450n, atMs: Date.parse('2026-11-23T10:00:02.000Z') },
    ]);
  });
});
