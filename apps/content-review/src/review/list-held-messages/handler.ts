import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@sms/service-kit';
import { HELD_MESSAGE_STORE } from '../../tokens';
import type { HeldMessageStore, HeldMessageWithText } from '../application/held-messages';

export const DEFAULT_HELD_LIMIT = 100;

export interface HeldMessagePage {
  items: HeldMessageWithText[];
  /** Pass as cursor for the next page; absent on the last page. */
  nextCursor?: string;
}

/** Opaque keyset cursor: the (heldAt, messageId) of the last item of a page. */
const encodeCursor = (item: HeldMessageWithText): string => Buffer.from(JSON.stringify([item.heldAt, item.messageId])).toString('base64url');

function decodeCursor(cursor: string): { heldAt: string; messageId: string } | undefined {
  try {
    const [heldAt, messageId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    return typeof heldAt === 'string' && typeof messageId === 'string' ? { heldAt, messageId } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The review queue of messages (`GET /v1/review-queue?type=message`, ADR 0036): what screening held and no reviewer
 * decided yet, oldest first, with the text opened for the reviewer (`[destroyed]` once the account's key is gone).
 */
@Injectable()
export class ListHeldMessagesHandler {
  constructor(@Inject(HELD_MESSAGE_STORE) private readonly held: HeldMessageStore) {}

  async handle(query: { limit?: number; cursor?: string } = {}): Promise<HeldMessagePage> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (query.cursor && !after) throw new DomainError('VALIDATION_FAILED', 'cursor is not one this API returned');
    const limit = query.limit ?? DEFAULT_HELD_LIMIT;
    const found = await this.held.pending({ ...(after ? { after } : {}), limit: limit + 1 });
    const items = found.slice(0, limit);
    return found.length > limit ? { items, nextCursor: encodeCursor(items[items.length - 1]) } : { items };
  }
}
