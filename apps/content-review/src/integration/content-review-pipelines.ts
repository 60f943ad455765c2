import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DATA_KEY_RING, type DataKeyRing } from '@sms/data-protection';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { SubscriptionPipelines } from '@sms/service-kit';
import type { ReadModelDatabase } from '@sms/use-case-kit';
import { contentReviewCodec } from '../event-codec';
import { projectReviewEvents, REVIEW_ITEM_TYPE_PREFIXES, REVIEW_PROJECTION } from '../review/application/review-projection';
import type { ReviewRepository } from '../review/application/review-repository';
import { CONTENT_REVIEW_EVENT_PREFIX } from '../review/domain/events';
import { READ_MODEL_DATABASE, REVIEW_REPOSITORY } from '../tokens';
import { toOutboxMessages } from './outbox-mapping';

/**
 * What follows from committed content-review events: the outbox (integration events on the bus) and the review
 * queue projection. Both resume from checkpoints in the service's read-model database; the projection's changes and
 * its checkpoint commit in one unit of work. Started once every module has subscribed its consumers.
 */
@Injectable()
export class ContentReviewPipelines implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pipelines = new SubscriptionPipelines('ContentReviewPipelines');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(READ_MODEL_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(REVIEW_REPOSITORY) private readonly reviews: ReviewRepository,
    @Inject(DATA_KEY_RING) private readonly ring: DataKeyRing,
  ) {}

  onApplicationBootstrap(): void {
    const codec = contentReviewCodec.protectedBy(this.ring);
    this.pipelines.outbox({
      name: 'content-review',
      store: this.store,
      checkpoints: this.db,
      bus: this.bus,
      filter: { eventTypePrefixes: [CONTENT_REVIEW_EVENT_PREFIX] },
      map: (recorded) => toOutboxMessages(recorded, codec),
    });
    this.pipelines.projection(
      {
        store: this.store,
        codec: contentReviewCodec,
        name: REVIEW_PROJECTION,
        filter: { eventTypePrefixes: REVIEW_ITEM_TYPE_PREFIXES },
        db: this.db,
        project: (events) => projectReviewEvents(this.reviews, events),
      },
      'review projection',
    );
  }

  /** Resolves once everything committed so far is published and projected (tests, graceful hand-over). */
  async caughtUp(): Promise<void> {
    await this.pipelines.caughtUp();
  }

  async onModuleDestroy(): Promise<void> {
    await this.pipelines.stop();
  }
}
