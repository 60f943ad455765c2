import { DeciderSpecification } from '@sms/use-case-kit/core';
import { type MessageTracking, receiptCorrelation, type ReceiptEvent, type SegmentReceipt } from './receipt-correlation';

const tracking = (expected: number, extra: Partial<MessageTracking> = {}): MessageTracking => ({
  messageId: 'm-1',
  batchId: 'b-1',
  accountId: 'acc-1',
  expected,
  submittedAt: '2026-11-23T10:00:00.000Z',
  phoneNumber: '+8613800138000',
  operator: 'CMCC',
  outId: 'order-7',
  segments: expected,
  receipts: [],
  reported: false,
  ...extra,
});
const receipt = (id: string, status: SegmentReceipt['status'] = 'DELIVERED', doneAt = '2026-11-23T10:00:05.000Z', errorCode?: string): SegmentReceipt => ({
  operatorMessageId: id,
  status,
  doneAt,
  ...(errorCode ? { errorCode } : {}),
});
const recorded = (r: SegmentReceipt): ReceiptEvent => ({ type: 'SegmentReceiptRecorded', receipt: r });

/** The decider starts from a tracked message, so specs fold from that state rather than from events alone. */
const from = (state: MessageTracking) => DeciderSpecification.for({ ...receiptCorrelation, initialState: () => state });

describe('receipt correlation', () => {
  it('reports a one-segment message with its receipt, echoing what the carrier was given', () => {
    from(tracking(1))
      .given([])
      .when(receipt('op-1'))
      .then([
        recorded(receipt('op-1')),
        {
          type: 'MessageReported',
          report: {
            messageId: 'm-1',
            batchId: 'b-1',
            accountId: 'acc-1',
            operatorMessageId: 'op-1',
            status: 'DELIVERED',
            submittedAt: '2026-11-23T10:00:00.000Z',
            doneAt: '2026-11-23T10:00:05.000Z',
            phoneNumber: '+8613800138000',
            operator: 'CMCC',
            outId: 'order-7',
            segments: 1,
          },
        },
      ]);
  });

  it('waits for every acknowledged segment, whatever their order, and times the report by the last one', () => {
    const first = receipt('op-2', 'DELIVERED', '2026-11-23T10:00:09.000Z');
    const second = receipt('op-1', 'DELIVERED', '2026-11-23T10:00:04.000Z');
    from(tracking(2)).given([]).when(first).then([recorded(first)]);
    const decision = from(tracking(2)).given([recorded(first)]).when(second).decision as { ok: true; events: ReceiptEvent[] };
    expect(decision.events[1]).toMatchObject({ type: 'MessageReported', report: { status: 'DELIVERED', operatorMessageId: 'op-2', doneAt: '2026-11-23T10:00:09.000Z' } });
  });

  it('takes the failing segment status when one segment was not delivered', () => {
    const failed = receipt('op-2', 'UNDELIVERED', '2026-11-23T10:00:06.000Z', '001');
    const events = from(tracking(2)).given([recorded(receipt('op-1'))]).when(failed).decision;
    expect(events).toMatchObject({ ok: true, events: [recorded(failed), { type: 'MessageReported', report: { status: 'UNDELIVERED', errorCode: '001' } }] });
  });

  it('ignores a repeated segment receipt and anything after the report', () => {
    from(tracking(2)).given([recorded(receipt('op-1'))]).when(receipt('op-1')).thenNothing();
    from(tracking(1, { reported: true, receipts: [receipt('op-1')] })).given([]).when(receipt('op-9')).thenNothing();
  });

  it('reports without the echoed fields for messages tracked before they were kept', () => {
    const old = tracking(1, { phoneNumber: undefined, operator: undefined, outId: undefined, segments: undefined, submittedAt: undefined });
    const decision = from(old).given([]).when(receipt('op-1')).decision as { ok: true; events: ReceiptEvent[] };
    expect(decision.events[1]).toEqual({
      type: 'MessageReported',
      report: { messageId: 'm-1', batchId: 'b-1', accountId: 'acc-1', operatorMessageId: 'op-1', status: 'DELIVERED', doneAt: '2026-11-23T10:00:05.000Z' },
    });
  });
});
