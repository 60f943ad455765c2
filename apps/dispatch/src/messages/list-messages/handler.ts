import { Inject, Injectable } from '@nestjs/common';
import type { MessageStatus } from '@sms/contracts';
import { DomainError } from '@sms/service-kit';
import type { MessageReadModel, MessageRecord } from '../application/message-read-model';
import { MESSAGE_READ_MODEL } from '../application/tokens';

export interface ListMessages {
  accountId: string;
  phoneNumber?: string;
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

/** An account's messages matching the filters, oldest first, a page at a time (keyset cursor). */
@Injectable()
export class ListMessagesHandler {
  constructor(@Inject(MESSAGE_READ_MODEL) private readonly messages: MessageReadModel) {}

  async handle(query: ListMessages): Promise<MessagePageResult> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (query.cursor && !after) throw new DomainError('VALIDATION_FAILED', 'cursor is not one this API returned');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const { cursor: _cursor, ...filters } = query;
    const items = await this.messages.query({ ...filters, after, limit });
    return { items, ...(items.length === limit ? { nextCursor: encodeCursor(items[items.length - 1]) } : {}) };
  }
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
