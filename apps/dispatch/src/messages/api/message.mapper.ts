import type { MessageRow } from '../infrastructure/dispatch-store';

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
}

/** Whitelists what a client may see of a message; the text stays inside. */
export function toMessageView(row: MessageRow): MessageView {
  return {
    messageId: row.message_id,
    batchId: row.batch_id,
    accountId: row.account_id,
    phoneNumber: row.phone_number,
    status: row.status,
    segments: row.segments,
    operator: row.operator,
    kind: row.kind,
    ...(row.out_id ? { outId: row.out_id } : {}),
    acceptedAt: row.accepted_at,
    ...(row.submitted_at ? { submittedAt: row.submitted_at } : {}),
    ...(row.done_at && row.status === 'DELIVERED' ? { deliveredAt: row.done_at } : {}),
    ...(row.error_code ? { error: { code: row.error_code, ...(row.error_detail ? { detail: row.error_detail } : {}) } } : {}),
  };
}

export const encodeCursor = (row: MessageRow): string => Buffer.from(JSON.stringify([row.accepted_at, row.message_id])).toString('base64url');

export function decodeCursor(cursor: string): { acceptedAt: string; messageId: string } | undefined {
  try {
    const [acceptedAt, messageId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return typeof acceptedAt === 'string' && typeof messageId === 'string' ? { acceptedAt, messageId } : undefined;
  } catch {
    return undefined;
  }
}
