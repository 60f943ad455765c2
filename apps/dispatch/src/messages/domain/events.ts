import type { MessageKind, OperatorCode } from '@sms/contracts';

/** Domain events of dispatch, with stable type strings (never constructor names). */
export const DISPATCH_EVENTS = {
  batchAccepted: 'dispatch.BatchAccepted.v1',
  batchRouted: 'dispatch.BatchRouted.v1',
  deliveryReportsRecorded: 'dispatch.DeliveryReportsRecorded.v1',
} as const;

export const batchStream = (batchId: string): string => `dispatch-batch-${batchId}`;
export const receiptsStream = (accountId: string): string => `dispatch-receipts-${accountId}`;

export interface AcceptedMessage {
  messageId: string;
  phoneNumber: string;
  countryCode: string;
  operator: OperatorCode;
  segments: number;
  encoding: 'gsm7' | 'ucs2';
  text: string;
}

export interface RejectedRecipient {
  phoneNumber: string;
  code: string;
  detail: string;
}

export interface BatchAccepted {
  batchId: string;
  accountId: string;
  kind: MessageKind;
  signatureId: string;
  templateId: string;
  outId?: string;
  acceptedAt: string;
  messages: AcceptedMessage[];
  rejected: RejectedRecipient[];
}

export interface BatchRouted {
  batchId: string;
  accountId: string;
  channelId: string;
  routedAt: string;
  messages: Array<{ messageId: string; phoneNumber: string; text: string; segments: number; operator: OperatorCode }>;
}

export interface DeliveryReportsRecorded {
  accountId: string;
  reports: Array<{
    messageId: string;
    batchId: string;
    outId?: string;
    phoneNumber: string;
    status: 'DELIVERED' | 'UNDELIVERED' | 'EXPIRED' | 'FAILED';
    operator: string;
    operatorMessageId: string;
    errorCode?: string;
    submittedAt: string;
    doneAt: string;
    segments: number;
  }>;
}
