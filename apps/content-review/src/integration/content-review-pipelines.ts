import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { type CheckpointStore, EVENT_STORE, type EventStore, type RunningSubscription } from '@sms/event-store';
import { MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { SubscriptionPipelines } from '@sms/service-kit';
import { type ReadModelDatabase, runProjection } from '@sms/use-case-kit';
import { contentReviewCodec } from '../event-codec';
import { projectReviewEvents, REVIEW_ITEM_TYPE_PREFIXES, REVIEW_PROJECTION } from '../review/application/review-projection';
import type { ReviewRepository } from '../review/application/review-repository';
import { CONTENT_REVIEW_EVENT_PREFIX } from '../review/domain/events';
import { READ_MODEL_DATABASE, REVIEW_REPOSITORY } from '../tokens';
import { toOutboxMessages } from './outbox-mapping';

const CONTEXT = 'ContentReviewPipelines';

/**
 * What follows from committed content-review events: the outbox (integration events on the bus) and the review
 * queue projection. Both resume from checkpoints in the service's read-model database; the projection's changes and
 * its checkpoint commit in one unit of work. Started once every module has subscribed its consumers.
 */
@Injectable()
export class ContentReviewPipelines implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pipelines = new SubscriptionPipelines(CONTEXT);
  private readonly logger = new Logger(CONTEXT);
  private projection?: RunningSubscription;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(READ_MODEL_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(REVIEW_REPOSITORY) private readonly reviews: ReviewRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.pipelines.outbox({
      name: 'content-review',
      store: this.store,
      checkpoints: ownUnitCheckpoints(this.db),
      bus: this.bus,
      filter: { eventTypePrefixes: [CONTENT_REVIEW_EVENT_PREFIX] },
      map: toOutboxMessages,
    });
    this.projection = runProjection({
      store: this.store,
      codec: contentReviewCodec,
      name: REVIEW_PROJECTION,
      filter: { eventTypePrefixes: REVIEW_ITEM_TYPE_PREFIXES },
      db: this.db,
      project: (events) => projectReviewEvents(this.reviews, events),
      onError: (error) => this.logger.error(`review projection failed, retrying: ${error instanceof Error ? error.message : String(error)}`),
    });
  }

  /** Resolves once everything committed so far is published and projected (tests, graceful hand-over). */
  async caughtUp(): Promise<void> {
    await Promise.all([this.pipelines.caughtUp(), this.projection?.caughtUp()]);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.pipelines.stop(), this.projection?.stop()]);
  }
}

/**
 * The outbox's checkpoints in the read-model database, each save a unit of work of its own: a save must not land in
 * (and roll back with) a projection transaction that happens to be open on the same connection.
 */
function ownUnitCheckpoints(db: ReadModelDatabase): CheckpointStore {
  return { load: (name) => db.load(name), save: (name, position) => db.transaction(() => db.save(name, position)) };
}
