import type { AccountStatus, FinalDeliveryStatus } from './common';

/** Public topic sms.delivery-receipts, key accountId (CONTRACTS.md). */
export const DELIVERY_REPORT_V1 = 'sms.delivery-report.v1';
export interface DeliveryReportV1 {
  messageId: string;
  batchId: string;
  accountId: string;
  outId?: string;
  phoneNumber: string;
  status: FinalDeliveryStatus;
  operator: string;
  operatorMessageId: string;
  errorCode?: string;
  submittedAt: string;
  doneAt: string;
  segments: number;
}

/** Public topic sms.inbound, key accountId (CONTRACTS.md). */
export const INBOUND_MESSAGE_V1 = 'sms.inbound-message.v1';
export interface InboundMessageV1 {
  inboundId: string;
  accountId: string;
  signatureId?: string;
  phoneNumber: string;
  content: string;
  receivedAt: string;
  optOut: boolean;
}

/**
 * Public topic sms.account-events, key accountId (CONTRACTS.md): every status change of an account — FROZEN for
 * arrears, SUSPENDED, TERMINATING, TERMINATED, and ACTIVE again when a freeze or suspension lifts.
 */
export const ACCOUNT_STATUS_V1 = 'sms.account-status.v1';
export interface AccountStatusV1 {
  accountId: string;
  status: AccountStatus;
  reason: string;
  at: string;
}
