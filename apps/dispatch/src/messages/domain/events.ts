import type { MessageKind, OperatorCode } from '@sms/contracts';

/**
 * Stored type strings of the batch stream's events (never constructor names). Retired versions and their
 * upcasters sit next to them (`batch-accepted.v1.ts`).
 */
export const BATCH_EVENT_TYPES = {
  batchAccepted: 'dispatch.BatchAccepted.v2',
  batchRouted: 'dispatch.BatchRouted.v1',
  batchRoutingFailed: 'dispatch.BatchRoutingFailed.v1',
  batchReleased: 'dispatch.BatchReleased.v1',
  messagesCancelled: 'dispatch.MessagesCancelled.v1',
  messagesWithdrawn: 'dispatch.MessagesWithdrawn.v1',
} as const;

/** Every version of BatchAccepted starts with this (subscriptions filter on it). */
export const BATCH_ACCEPTED_PREFIX = 'dispatch.BatchAccepted.';

export const batchStream = (batchId: string): string => `dispatch-batch-${batchId}`;

/**
 * Which of its batch's rendered texts a message carries. A batch renders at most two: domestic numbers get
 * 【signature】 in front, international ones do not.
 */
export type TextKey = 'domestic' | 'international';

export interface AcceptedMessage {
  messageId: string;
  /** E.164. */
  phoneNumber: string;
  countryCode: string;
  operator: OperatorCode;
  segments: number;
  encoding: 'gsm7' | 'ucs2';
  /** The batch's text this message carries (`BatchAccepted.texts`). */
  text: TextKey;
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
  /** When a scheduled batch goes out; until then its messages are SCHEDULED (absent: at once). */
  scheduledAt?: string;
  /**
   * SHA-256 of the send request, which tells a retry from a reuse of its Idempotency-Key (the event's metadata
   * carries it too). Absent on batches stored as v1, whose data never held it.
   */
  requestHash?: string;
  /** The attestation a marketing batch was sent under (what an audit of the campaign asks for). */
  consent?: { basis: 'opt-in' | 'written' | 'existing-customer'; reference: string };
  /** Each distinct rendered text, once: the only place a message's text is written. */
  texts: Partial<Record<TextKey, string>>;
  messages: AcceptedMessage[];
  rejected: RejectedRecipient[];
}

export interface RoutedMessage {
  messageId: string;
  phoneNumber: string;
  segments: number;
  operator: OperatorCode;
}

/**
 * Messages of one batch assigned to one channel. Their texts are the batch's (BatchAccepted.texts); events written
 * before that carried a copy per message, which readers ignore.
 */
export interface BatchRouted {
  batchId: string;
  accountId: string;
  channelId: string;
  routedAt: string;
  messages: RoutedMessage[];
  /**
   * Routed again after the carrier handed them back (ADR 0018): the id of its `sms.messages-returned.v1` (a redelivery
   * of it routes nothing twice) and the channel that handed them back.
   */
  returnedBy?: string;
  reroutedFrom?: string;
}

/** Messages of one batch that could not be routed: they end FAILED and are never submitted. */
export interface BatchRoutingFailed {
  batchId: string;
  accountId: string;
  failedAt: string;
  code: 'NO_ROUTE';
  detail: string;
  messageIds: string[];
}

/** A scheduled batch's time came: its messages not cancelled by then go on, as if accepted now. */
export interface BatchReleased {
  batchId: string;
  accountId: string;
  releasedAt: string;
  messageIds: string[];
}

/**
 * Messages of the batch that will not go out: cancelled by the customer (DELETE /v1/messages/{id}) or because the
 * account was halted (frozen, suspended, terminated). `cancelled` were still with dispatch and end CANCELLED now;
 * `requested` were already routed to a carrier, which is asked to drop them if it has not submitted them yet.
 */
export interface MessagesCancelled {
  batchId: string;
  accountId: string;
  code: string;
  detail: string;
  cancelledAt: string;
  cancelled: string[];
  requested: Array<{ messageId: string; channelId: string }>;
}

/** Reserved messages dispatch will never route (cancelled before routing, or the account halted): their funds are released. */
export interface MessagesWithdrawn {
  batchId: string;
  accountId: string;
  code: string;
  withdrawnAt: string;
  messageIds: string[];
}

export type BatchEvent =
  | { type: 'BatchAccepted'; data: BatchAccepted }
  | { type: 'BatchRouted'; data: BatchRouted }
  | { type: 'BatchRoutingFailed'; data: BatchRoutingFailed }
  | { type: 'BatchReleased'; data: BatchReleased }
  | { type: 'MessagesCancelled'; data: MessagesCancelled }
  | { type: 'MessagesWithdrawn'; data: MessagesWithdrawn };

/** The text a message of this batch carries. */
export function textOf(batch: Pick<BatchAccepted, 'texts'>, message: Pick<AcceptedMessage, 'text'>): string {
  const text = batch.texts[message.text];
  if (text === undefined) throw new Error(`Batch has no ${message.text} text`);
  return text;
}
