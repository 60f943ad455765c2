import { Inject, Injectable } from '@nestjs/common';
import { REVIEW_REPOSITORY } from '../../tokens';
import { type ReviewListQuery, type ReviewPage, reviewPage } from '../application/review-list';
import type { ReviewRepository } from '../application/review-repository';

/** Signatures, oldest submission first, a page at a time; by account and status when asked (the read model). */
@Injectable()
export class ListSignaturesHandler {
  constructor(@Inject(REVIEW_REPOSITORY) private readonly reviews: ReviewRepository) {}

  handle(query: ReviewListQuery): Promise<ReviewPage> {
    return reviewPage(this.reviews, 'signature', query);
  }
}
