import { Inject, Injectable } from '@nestjs/common';
import { REVIEW_REPOSITORY } from '../../tokens';
import type { ReviewItem, ReviewRepository } from '../application/review-repository';

export const DEFAULT_QUEUE_LIMIT = 100;

/** Signatures and templates waiting for a reviewer, oldest first (the read model: eventually consistent). */
@Injectable()
export class ListReviewQueueHandler {
  constructor(@Inject(REVIEW_REPOSITORY) private readonly reviews: ReviewRepository) {}

  async handle(query: { limit?: number } = {}): Promise<ReviewItem[]> {
    return this.reviews.pending(query.limit ?? DEFAULT_QUEUE_LIMIT);
  }
}
