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
  /**
   * The extension code of the batch's signature (added in v1 as optional): the carrier sends from its channel's base
   * source address followed by it (`10690000` + `1000`), so a reply to that address reaches the signature's account.
   */
  sourceExtension?: string;
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

/**
 * Topic sms.internal.messages-withdrawn, key accountId. Messages whose funds were reserved and that dispatch will
 * never hand to a carrier — cancelled (by the customer, or because the account was halted) or unroutable — so their
 * reservations are released. Only ever published after the FundsReserved it answers, so it never overtakes the
 * reservation.
 */
export const MESSAGES_WITHDRAWN_V1 = 'sms.messages-withdrawn.v1';
export interface MessagesWithdrawnV1 {
  batchId: string;
  accountId: string;
  /** Why: CANCELLED, NO_ROUTE, ACCOUNT_FROZEN, ACCOUNT_SUSPENDED, ACCOUNT_TERMINATED. */
  code: string;
  messageIds: string[];
  withdrawnAt: string;
}

/**
 * Topic sms.internal.message-cancellations, key accountId. Queued messages the customer cancelled
 * (`DELETE /v1/messages/{id}`), for the carrier adapter: each one it still holds unsubmitted (queued, not yet handed to
 * an operator window) is answered FAILED with errorCode CANCELLED on sms.internal.submissions, which releases its
 * reservation; one already with the operator is left to its normal outcome; one whose routed event has not arrived yet
 * is cancelled on arrival (the request is kept a day).
 */
export const MESSAGE_CANCELLATIONS_REQUESTED_V1 = 'sms.message-cancellations-requested.v1';
export interface MessageCancellationsRequestedV1 {
  accountId: string;
  requestedAt: string;
  /** At most 1,000. */
  messages: Array<{ messageId: string; batchId: string }>;
}
