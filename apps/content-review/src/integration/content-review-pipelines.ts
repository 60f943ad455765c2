import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, EventStore, SqliteCheckpointStore } from '@sms/event-store';
import { MESSAGE_BUS, MessageBus } from '@sms/messaging';
import { SubscriptionPipelines, transaction } from '@sms/service-kit';
import { CONTENT_REVIEW_EVENT_PREFIX } from '../review/domain/events';
import { ReviewReadModel } from '../review/infrastructure/review-read-model';
import { CONTENT_REVIEW_CHECKPOINTS, REVIEW_READ_MODEL } from '../tokens';
import { toIntegrationEvents } from './outbox-mapping';

const REVIEW_PROJECTION = 'projection:content-review.review-items';
/** Signature and template events (REVIEW_EVENTS); screened batches do not belong in the review queue. */
const REVIEW_ITEM_PREFIXES = [`${CONTENT_REVIEW_EVENT_PREFIX}Signature`, `${CONTENT_REVIEW_EVENT_PREFIX}Template`];

/**
 * What follows from committed content-review events: the outbox (integration events on the bus) and the review
 * queue projection. Both resume from checkpoints in the service's own SQLite file; started once every module has
 * subscribed its consumers.
 */
@Injectable()
export class ContentReviewPipelines implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pipelines = new SubscriptionPipelines('ContentReviewPipelines');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CONTENT_REVIEW_CHECKPOINTS) private readonly checkpoints: SqliteCheckpointStore,
    @Inject(REVIEW_READ_MODEL) private readonly readModel: ReviewReadModel,
  ) {}

  onApplicationBootstrap(): void {
    this.pipelines.outbox({
      name: 'content-review',
      store: this.store,
      checkpoints: this.checkpoints,
      bus: this.bus,
      filter: { eventTypePrefixes: [CONTENT_REVIEW_EVENT_PREFIX] },
      map: toIntegrationEvents,
    });
    this.pipelines.run(
      {
        store: this.store,
        checkpoints: this.checkpoints,
        name: REVIEW_PROJECTION,
        filter: { eventTypePrefixes: REVIEW_ITEM_PREFIXES },
        // Rows and checkpoint commit together; runSubscription's own save afterwards rewrites the same value.
        handle: async (events) =>
          transaction(this.readModel.db, () => {
            for (const event of events) this.readModel.apply(event);
            this.checkpoints.saveSync(REVIEW_PROJECTION, events[events.length - 1].position);
          }),
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
