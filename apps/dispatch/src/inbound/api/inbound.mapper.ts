import type { InboundRow } from '../infrastructure/inbound-store';
import type { InboundMessageView } from './dto';

/** Whitelists what a customer sees of a reply. Only matched rows reach here (the query is per account). */
export function toInboundView(row: InboundRow): InboundMessageView {
  return {
    inboundId: row.inbound_id,
    accountId: row.account_id ?? '',
    ...(row.signature_id ? { signatureId: row.signature_id } : {}),
    phoneNumber: row.phone_number,
    content: row.content,
    receivedAt: row.received_at,
    optOut: row.opt_out === 1,
  };
}

export const encodeInboundCursor = (row: InboundRow): string => Buffer.from(JSON.stringify([row.received_at, row.inbound_id])).toString('base64url');

export function decodeInboundCursor(cursor: string): { receivedAt: string; inboundId: string } | undefined {
  try {
    const [receivedAt, inboundId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return typeof receivedAt === 'string' && typeof inboundId === 'string' ? { receivedAt, inboundId } : undefined;
  } catch {
    return undefined;
  }
}
