import type { FinalDeliveryStatus, OperatorCode } from '@sms/contracts';
import { accept, type Decider } from '@sms/use-case-kit/core';
import type { DeliveryResult } from './events';
import { deliveryOutcome } from './outcomes';

/** One segment's final receipt from the operator. */
export interface SegmentReceipt {
  operatorMessageId: string;
  status: FinalDeliveryStatus;
  errorCode?: string;
  doneAt: string;
}

/** What the adapter tracks about one submitted message until every acknowledged segment has reported. */
export interface MessageTracking {
  messageId: string;
  batchId: string;
  accountId: string;
  /** Segments the operator acknowledged: that many receipts make the message final. */
  expected: number;
  submittedAt?: string;
  phoneNumber?: string;
  operator?: OperatorCode;
  outId?: string;
  segments?: number;
  receipts: SegmentReceipt[];
  reported: boolean;
}

export type ReceiptEvent =
  | { type: 'SegmentReceiptRecorded'; receipt: SegmentReceipt }
  | { type: 'MessageReported'; report: DeliveryResult };

/**
 * Receipt correlation (DOMAIN §7): receipts arrive per segment, in any order, possibly twice; the message is reported
 * once, when every acknowledged segment has one — DELIVERED only when all were delivered, else the first failing
 * segment's status. A receipt can reach us before the submit acknowledgement was recorded; the adapter keeps it
 * until a submission maps its operator id (ADR 0039), so this decider only ever sees tracked messages.
 */
export const receiptCorrelation: Decider<SegmentReceipt, ReceiptEvent, MessageTracking> = {
  initialState: () => {
    throw new Error('A message is tracked from its submission; there is no empty tracking');
  },
  decide(receipt, tracking) {
    if (tracking.reported || tracking.receipts.some((r) => r.operatorMessageId === receipt.operatorMessageId)) return accept();
    const receipts = [...tracking.receipts, receipt];
    const outcome = deliveryOutcome(tracking.expected, receipts);
    const recorded: ReceiptEvent = { type: 'SegmentReceiptRecorded', receipt };
    if (!outcome) return accept<ReceiptEvent>(recorded);
    return accept<ReceiptEvent>(recorded, {
      type: 'MessageReported',
      report: {
        messageId: tracking.messageId,
        batchId: tracking.batchId,
        accountId: tracking.accountId,
        operatorMessageId: receipts[0].operatorMessageId,
        status: outcome.status,
        ...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}),
        ...(tracking.submittedAt ? { submittedAt: tracking.submittedAt } : {}),
        doneAt: receipts.map((r) => r.doneAt).sort().at(-1) as string,
        ...(tracking.phoneNumber ? { phoneNumber: tracking.phoneNumber } : {}),
        ...(tracking.operator ? { operator: tracking.operator } : {}),
        ...(tracking.outId ? { outId: tracking.outId } : {}),
        ...(tracking.segments ? { segments: tracking.segments } : {}),
      },
    });
  },
  evolve(tracking, event) {
    if (event.type === 'SegmentReceiptRecorded') return { ...tracking, receipts: [...tracking.receipts, event.receipt] };
    return { ...tracking, reported: true };
  },
};
