import { Inject, Injectable } from '@nestjs/common';
import type { MessageStatus } from '@sms/contracts';
import { DomainError } from '@sms/service-kit';
import { parsePhoneNumber } from '@sms/sms';
import type { MessageReadModel, MessageRecord } from '../application/message-read-model';
import { MESSAGE_READ_MODEL } from '../application/tokens';

export interface ListMessages {
  accountId: string;
  /** In any notation the send API takes (`13800138000`, `+86 138-0013-8000`, `0086…`). */
  phoneNumber?: string;
  batchId?: string;
  outId?: string;
  status?: MessageStatus;
  from?: string;
  to?: string;
  /** Opaque: what the previous page answered as nextCursor. */
  cursor?: string;
  limit?: number;
}

export interface MessagePageResult {
  items: MessageRecord[];
  nextCursor?: string;
}

export const DEFAULT_PAGE_SIZE = 100;

/**
 * An account's messages matching the filters, oldest first, a page at a time. The keyset cursor (acceptedAt,
 * messageId) is stable while messages keep arriving: a page starts strictly after the last row of the one before, and
 * neither key of a row ever changes, so no row is served twice and none that existed when paging began is skipped.
 */
@Injectable()
export class ListMessagesHandler {
  constructor(@Inject(MESSAGE_READ_MODEL) private readonly messages: MessageReadModel) {}

  async handle(query: ListMessages): Promise<MessagePageResult> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (query.cursor && !after) throw new DomainError('VALIDATION_FAILED', 'cursor is not one this API returned');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const { cursor: _cursor, phoneNumber, ...filters } = query;
    const items = await this.messages.query({ ...filters, ...(phoneNumber !== undefined ? { phoneNumber: recipientOf(phoneNumber) } : {}), after, limit });
    return { items, ...(items.length === limit ? { nextCursor: encodeCursor(items[items.length - 1]) } : {}) };
  }
}

/**
 * The number as sends store it (E.164), read by the parser the send API uses, so whatever notation a number was sent
 * in, it is found in any other. One that no send could have gone to is a bad request, not an empty page.
 */
function recipientOf(phoneNumber: string): string {
  const parsed = parsePhoneNumber(phoneNumber);
  if (!parsed.ok) throw new DomainError('VALIDATION_FAILED', `phoneNumber: ${parsed.detail}`);
  return parsed.e164;
}

export const encodeCursor = (message: Pick<MessageRecord, 'acceptedAt' | 'messageId'>): string =>
  Buffer.from(JSON.stringify([message.acceptedAt, message.messageId])).toString('base64url');

export function decodeCursor(cursor: string): { acceptedAt: string; messageId: string } | undefined {
  try {
    const [acceptedAt, messageId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return typeof acceptedAt === 'string' && typeof messageId === 'string' ? { acceptedAt, messageId } : undefined;
  } catch {
    return undefined;
  }
}
