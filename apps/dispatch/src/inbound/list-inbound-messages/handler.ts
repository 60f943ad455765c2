import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@sms/service-kit';
import type { InboundRecord, InboundRepository } from '../application/inbound-repository';
import { INBOUND_REPOSITORY } from '../application/tokens';

export interface ListInboundMessages {
  accountId: string;
  /** Received at or after (RFC 3339, any offset). */
  from?: string;
  /** Received before (RFC 3339, any offset). */
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface InboundPageResult {
  items: InboundRecord[];
  nextCursor?: string;
}

/** Replies routed to an account, oldest first, a page at a time (keyset cursor). */
@Injectable()
export class ListInboundMessagesHandler {
  constructor(@Inject(INBOUND_REPOSITORY) private readonly inbound: InboundRepository) {}

  async handle(query: ListInboundMessages): Promise<InboundPageResult> {
    const after = query.cursor ? decodeInboundCursor(query.cursor) : undefined;
    if (query.cursor && !after) throw new DomainError('VALIDATION_FAILED', 'cursor is not one this API returned');
    const limit = query.limit ?? 100;
    // Stored times are UTC with milliseconds; bounds in any offset compare correctly once written the same way.
    const items = await this.inbound.query({ accountId: query.accountId, from: utc(query.from), to: utc(query.to), after, limit });
    return { items, ...(items.length === limit ? { nextCursor: encodeInboundCursor(items[items.length - 1]) } : {}) };
  }
}

const utc = (time: string | undefined): string | undefined => (time === undefined ? undefined : new Date(time).toISOString());

export const encodeInboundCursor = (reply: Pick<InboundRecord, 'receivedAt' | 'inboundId'>): string =>
  Buffer.from(JSON.stringify([reply.receivedAt, reply.inboundId])).toString('base64url');

export function decodeInboundCursor(cursor: string): { receivedAt: string; inboundId: string } | undefined {
  try {
    const [receivedAt, inboundId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return typeof receivedAt === 'string' && typeof inboundId === 'string' ? { receivedAt, inboundId } : undefined;
  } catch {
    return undefined;
  }
}
