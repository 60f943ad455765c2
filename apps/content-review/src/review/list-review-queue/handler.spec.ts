import type { ReviewItem, ReviewRepository } from '../application/review-repository';
import { ListReviewQueueHandler } from './handler';

const item: ReviewItem = { type: 'signature', id: 's1', accountId: 'a1', name: '阿里云', status: 'PENDING_REVIEW', submittedAt: '2026-03-01T08:00:00.000Z' };

/** The port as the handler sees it: what it asked for, and a fixed answer. */
const repository = () => {
  const limits: number[] = [];
  const reviews: ReviewRepository = {
    submitted: async () => undefined,
    decided: async () => undefined,
    find: async () => undefined,
    byAccount: async () => [],
    list: async () => [],
    pending: async (limit) => {
      limits.push(limit);
      return [item];
    },
  };
  return { reviews, limits };
};

describe('ListReviewQueueHandler', () => {
  it('answers the pending items of the read model, 100 unless told', async () => {
    const { reviews, limits } = repository();
    const handler = new ListReviewQueueHandler(reviews);
    expect(await handler.handle()).toEqual([item]);
    expect(await handler.handle({ limit: 5 })).toEqual([item]);
    expect(limits).toEqual([100, 5]);
  });
});
