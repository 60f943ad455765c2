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
  submittedAt?: string;
  deliveredAt?: string;
  error?: { code: string; detail?: string };
  channel?: string;
  content?: string;
}

/** Whitelists what a client may see of a message (the read model never holds its text: `content` is added by the caller). */
export function toMessageView(message: MessageRecord): MessageView {
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
    ...(message.submittedAt ? { submittedAt: message.submittedAt } : {}),
    ...(message.doneAt && message.status === 'DELIVERED' ? { deliveredAt: message.doneAt } : {}),
    ...(message.errorCode ? { error: { code: message.errorCode, ...(message.errorDetail ? { detail: message.errorDetail } : {}) } } : {}),
    ...(message.channelId ? { channel: message.channelId } : {}),
  };
}
