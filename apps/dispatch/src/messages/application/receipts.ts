import { DELIVERY_REPORT_V1, type DeliveryReportV1, type FinalDeliveryStatus, SOURCES } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import type { MessageRecord } from './message-read-model';

/** How a message ended when no operator receipt says so: failed before or at submission, or expired waiting. */
export interface FinalOutcome {
  status: FinalDeliveryStatus;
  errorCode?: string;
  doneAt: string;
}

/**
 * The public `sms.delivery-report.v1` of a final status dispatch decided itself (FAILED at routing or submission,
 * EXPIRED), from what the read model holds of the message — the same shape as an operator's receipt, `outId`
 * included when the batch had one. A message the operator never took has no operator id (empty string) and reports
 * its failure time as submittedAt; an erased account's message is nobody's to tell (undefined).
 */
export function finalReceipt(
  id: string,
  record: MessageRecord,
  outcome: FinalOutcome,
  extensions: Record<string, string> = {},
): IntegrationEvent<DeliveryReportV1> | undefined {
  if (record.phoneNumber === PERSONAL_DATA_DESTROYED) return undefined;
  return {
    id,
    type: DELIVERY_REPORT_V1,
    source: SOURCES.dispatch,
    time: outcome.doneAt,
    key: record.accountId,
    data: {
      messageId: record.messageId,
      batchId: record.batchId,
      accountId: record.accountId,
      ...(record.outId !== undefined ? { outId: record.outId } : {}),
      phoneNumber: record.phoneNumber,
      status: outcome.status,
      operator: record.operator,
      operatorMessageId: record.operatorMessageIds?.[0] ?? '',
      ...(outcome.errorCode !== undefined ? { errorCode: outcome.errorCode } : {}),
      submittedAt: record.submittedAt ?? outcome.doneAt,
      doneAt: outcome.doneAt,
      segments: record.segments,
    },
    extensions,
  };
}
