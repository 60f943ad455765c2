import type { ReviewStatus } from '@sms/contracts';
import { DomainError } from '@sms/service-kit';
import type { ReviewCursor, ReviewItem, ReviewItemType, ReviewRepository } from './review-repository';

export const DEFAULT_LIST_LIMIT = 100;

/** A signature or template list query: the account is already scoped at the edge (a customer's own, staff any). */
export interface ReviewListQuery {
  accountId?: string;
  status?: ReviewStatus;
  limit?: number;
  cursor?: string;
}

export interface ReviewPage {
  items: ReviewItem[];
  /** Pass as cursor for the next page; absent on the last page. */
  nextCursor?: string;
}

/** Opaque keyset cursor: the (submittedAt, id) of the last item of a page. */
export const encodeReviewCursor = (item: Pick<ReviewItem, 'submittedAt' | 'id'>): string => Buffer.from(JSON.stringify([item.submittedAt, item.id])).toString('base64url');

export function decodeReviewCursor(cursor: string): ReviewCursor | undefined {
  try {
    const [submittedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    return typeof submittedAt === 'string' && typeof id === 'string' ? { submittedAt, id } : undefined;
  } catch {
    return undefined;
  }
}

/** One page of a list from the read model (eventually consistent): one more item is read to know whether a next page exists. */
export async function reviewPage(reviews: ReviewRepository, type: ReviewItemType, query: ReviewListQuery): Promise<ReviewPage> {
  const after = query.cursor ? decodeReviewCursor(query.cursor) : undefined;
  if (query.cursor && !after) throw new DomainError('VALIDATION_FAILED', 'cursor is not one this API returned');
  const limit = query.limit ?? DEFAULT_LIST_LIMIT;
  const found = await reviews.list(type, { ...(query.accountId ? { accountId: query.accountId } : {}), ...(query.status ? { status: query.status } : {}) }, after, limit + 1);
  const items = found.slice(0, limit);
  return found.length > limit ? { items, nextCursor: encodeReviewCursor(items[items.length - 1]) } : { items };
}
