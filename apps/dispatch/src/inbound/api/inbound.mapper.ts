import type { InboundRecord } from '../application/inbound-repository';
import type { InboundMessageView } from './dto';

/** Whitelists what a customer sees of a reply. Only matched replies reach here (the query is per account). */
export function toInboundView(reply: InboundRecord): InboundMessageView {
  return {
    inboundId: reply.inboundId,
    accountId: reply.accountId ?? '',
    ...(reply.signatureId ? { signatureId: reply.signatureId } : {}),
    phoneNumber: reply.phoneNumber,
    content: reply.content,
    receivedAt: reply.receivedAt,
    optOut: reply.optOut,
  };
}
