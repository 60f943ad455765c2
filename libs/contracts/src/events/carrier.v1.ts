import type { FinalDeliveryStatus, OperatorCode } from './common';

/** The errorCode of a submission result the carrier adapter cancelled before any operator took it (nothing submitted). */
export const SUBMISSION_CANCELLED = 'CANCELLED';

/**
 * Topic sms.internal.submissions, key accountId. Operator submit acknowledgements, coalesced per account.
 * A message counts as submitted (and billable) per segment the operator acknowledged.
 */
export const MESSAGES_SUBMITTED_V1 = 'sms.messages-submitted.v1';
export interface MessagesSubmittedV1 {
  accountId: string;
  channelId: string;
  results: Array<{
    messageId: string;
    batchId: string;
    /** SUBMITTED when at least one segment was acknowledged. */
    status: 'SUBMITTED' | 'FAILED';
    segmentsSubmitted: number;
    segmentsFailed: number;
    operatorMessageIds: string[];
    submittedAt: string;
    /** CANCELLED: the carrier adapter cancelled the message before handing it to an operator (nothing submitted). */
    errorCode?: string;
    /**
     * With errorCode CANCELLED (added in v1 as optional), why: CANCELLED (the customer's request on
     * sms.internal.message-cancellations), ACCOUNT_FROZEN, ACCOUNT_SUSPENDED or ACCOUNT_TERMINATED (the account was halted).
     */
    cancelReason?: string;
  }>;
}

/** Topic sms.internal.delivery-reports, key accountId. One report per message once every segment has reported. */
export const DELIVERY_REPORTED_V1 = 'sms.delivery-reported.v1';
export interface DeliveryReportedV1 {
  accountId: string;
  channelId: string;
  reports: Array<{
    messageId: string;
    batchId: string;
    operatorMessageId: string;
    status: FinalDeliveryStatus;
    errorCode?: string;
    /** When the operator acknowledged the submission (added in v1 as optional: older producers omit it). */
    submittedAt?: string;
    doneAt: string;
    /**
     * What the carrier was given with the routed message, echoed so dispatch can publish the public receipt without a
     * lookup (added in v1 as optional: older producers omit them, and consumers then look the message up).
     */
    phoneNumber?: string;
    operator?: OperatorCode;
    outId?: string;
    segments?: number;
  }>;
}

/** Topic sms.internal.inbound-received, key = the destination (our) address. */
export const INBOUND_RECEIVED_V1 = 'sms.inbound-received.v1';
export interface InboundReceivedV1 {
  inboundId: string;
  channelId: string;
  /** E.164 of the mobile user. */
  from: string;
  /** Our address (service number + extension code). */
  to: string;
  content: string;
  receivedAt: string;
}
