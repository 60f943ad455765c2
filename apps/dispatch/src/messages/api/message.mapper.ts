import { formatMoney } from '@sms/contracts';
import type { MessageRecord } from '../application/message-read-model';

export interface MessageView {
  messageId: string;
  batchId: string;
  accountId: string;
  phoneNumber: string;
  status: string;
  segments: number;
  operator: string;
  kind: string;
  outId?: string;
  acceptedAt: string;
  scheduledAt?: string;
  /** Decimal string, 4 places: unit price × segments, as reserved when it was routed. */
  price?: string;
  submittedAt?: string;
  deliveredAt?: string;
  error?: { code: string; detail?: string };
  channel?: string;
  content?: string;
  /** The extension code of the message's signature: the channel's source address ends with it, and replies to it reach the account. */
  sourceExtension?: string;
}

/** Whitelists what a client may see of a message (the read model never holds its text: `content` is added by the caller). */
export function toMessageView(message: MessageRecord, sourceExtension?: string): MessageView {
  return {
    messageId: message.messageId,
    batchId: message.batchId,
    accountId: message.accountId,
    phoneNumber: message.phoneNumber,
    status: message.status,
    segments: message.segments,
    operator: message.operator,
    kind: message.kind,
    ...(message.outId ? { outId: message.outId } : {}),
    acceptedAt: message.acceptedAt,
    ...(message.scheduledAt ? { scheduledAt: message.scheduledAt } : {}),
    ...(message.priceMinor !== undefined ? { price: formatMoney(message.priceMinor) } : {}),
    ...(message.submittedAt ? { submittedAt: message.submittedAt } : {}),
    ...(message.doneAt && message.status === 'DELIVERED' ? { deliveredAt: message.doneAt } : {}),
    ...(message.errorCode ? { error: { code: message.errorCode, ...(message.errorDetail ? { detail: message.errorDetail } : {}) } } : {}),
    ...(message.channelId ? { channel: message.channelId } : {}),
    ...(sourceExtension ? { sourceExtension } : {}),
  };
}
