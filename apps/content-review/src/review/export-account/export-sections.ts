import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EXPORT_REGISTRY, type ExportRegistry, keyset } from '@sms/service-kit';
import type { ReviewItem, ReviewItemType, ReviewRepository } from '../application/review-repository';
import { REVIEW_REPOSITORY } from '../../tokens';

const SERVICE = 'content-review';
const PAGE = 500;

/** content-review's part of an account's export: its signatures and templates with their review outcomes. */
@Injectable()
export class ContentReviewExportSections implements OnModuleInit {
  constructor(
    @Inject(EXPORT_REGISTRY) private readonly registry: ExportRegistry,
    @Inject(REVIEW_REPOSITORY) private readonly reviews: ReviewRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'signatures',
      service: SERVICE,
      description: 'Signatures: name, purpose, qualification documents, review status and reason',
      rows: (accountId) => this.items('signature', accountId),
    });
    this.registry.register({
      name: 'templates',
      service: SERVICE,
      description: 'Templates: name, kind, content, screening at submission, review status and reason',
      rows: (accountId) => this.items('template', accountId),
    });
  }

  private async *items(type: ReviewItemType, accountId: string): AsyncIterable<unknown> {
    const items = keyset(PAGE, (after) => this.reviews.byAccount(type, accountId, after, PAGE), (i: ReviewItem) => ({ submittedAt: i.submittedAt, id: i.id }));
    for await (const { type: _type, id, ...item } of items) yield { [`${type}Id`]: id, ...item } satisfies Omit<ReviewItem, 'type' | 'id'> & Record<string, unknown>;
  }
}
