import type { FinalDeliveryStatus } from '@sms/contracts';

export interface PartOutcome {
  seq: number;
  operatorMessageId?: string;
  error?: { code: string };
}

/** A message is submitted (and billable per acknowledged segment) when at least one segment was acknowledged. */
export function submissionOutcome(parts: PartOutcome[]): {
  status: 'SUBMITTED' | 'FAILED';
  segmentsSubmitted: number;
  segmentsFailed: number;
  operatorMessageIds: string[];
  errorCode?: string;
} {
  const operatorMessageIds = parts.filter((p) => p.operatorMessageId).map((p) => p.operatorMessageId as string);
  const failed = parts.filter((p) => !p.operatorMessageId);
  return {
    status: operatorMessageIds.length > 0 ? 'SUBMITTED' : 'FAILED',
    segmentsSubmitted: operatorMessageIds.length,
    segmentsFailed: failed.length,
    operatorMessageIds,
    ...(failed.length > 0 ? { errorCode: failed[0].error?.code ?? 'SUBMIT_FAILED' } : {}),
  };
}

/**
 * A multipart message is reported once every acknowledged segment has a final receipt: DELIVERED only when all
 * were delivered, otherwise the first failing segment's status.
 */
export function deliveryOutcome(
  expected: number,
  receipts: Array<{ status: FinalDeliveryStatus; errorCode?: string }>,
): { status: FinalDeliveryStatus; errorCode?: string } | undefined {
  if (receipts.length < expected) return undefined;
  const failing = receipts.find((r) => r.status !== 'DELIVERED');
  return failing ? { status: failing.status, ...(failing.errorCode ? { errorCode: failing.errorCode } : {}) } : { status: 'DELIVERED' };
}

/**
 * Receipt dates have minute resolution (YYMMDDhhmm). A receipt whose done date is this very minute is timed by its
 * arrival, so a message is never "delivered" before it was submitted; an older one (stored and forwarded by the
 * operator) keeps the operator's time.
 */
export function receiptTime(doneDate: Date | undefined, now: Date): Date {
  if (!doneDate) return now;
  return now.getTime() - doneDate.getTime() < 60_000 ? now : doneDate;
}
