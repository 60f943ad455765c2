import type { MessageKind, OperatorCode } from './common';

/** Topic sms.internal.messages-accepted, key accountId. One event per send request (≤ 1,000 messages). */
export const MESSAGES_ACCEPTED_V1 = 'sms.messages-accepted.v1';
export interface MessagesAcceptedV1 {
  batchId: string;
  accountId: string;
  kind: MessageKind;
  signatureId: string;
  templateId: string;
  acceptedAt: string;
  messages: Array<{
    messageId: string;
    /** E.164. */
    phoneNumber: string;
    /** ISO 3166 alpha-2. */
    countryCode: string;
    operator: OperatorCode;
    segments: number;
    encoding: 'gsm7' | 'ucs2';
    /** Rendered text, signature included; screened by content-review. */
    text: string;
  }>;
}

/** Topic sms.internal.messages-routed, key accountId. Messages with funds reserved, assigned to a channel. */
export const MESSAGES_ROUTED_V1 = 'sms.messages-routed.v1';
export interface MessagesRoutedV1 {
  batchId: string;
  accountId: string;
  channelId: string;
  routedAt: string;
  messages: Array<{
    messageId: string;
    phoneNumber: string;
    text: string;
    segments: number;
    operator: OperatorCode;
    sourceAddr?: string;
    /** The customer's own id of the message (added in v1 as optional): the carrier echoes it in its delivery reports. */
    outId?: string;
  }>;
}
