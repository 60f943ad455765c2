import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore, SqliteCheckpointStore } from '@sms/event-store';
import { openSqlite, PLATFORM_CONFIG, PlatformConfig } from '@sms/service-kit';
import type { DatabaseSync } from 'node:sqlite';
import { ContentReviewPipelines } from './integration/content-review-pipelines';
import { ReviewQueueController, SignaturesController, TemplatesController } from './review/api/review.controller';
import { ReviewGrpcController } from './review/api/review.grpc.controller';
import { createSignatureRepository, createTemplateRepository } from './review/application/repositories';
import { SignatureHandlers } from './review/application/signature.handlers';
import { TemplateHandlers } from './review/application/template.handlers';
import { ReviewReadModel } from './review/infrastructure/review-read-model';
import { ScreeningsController } from './screening/api/screenings.controller';
import { ScreenBatchHandler } from './screening/application/screen-batch.handler';
import { ScreeningConsumer } from './screening/application/screening.consumer';
import { CONTENT_REVIEW_CHECKPOINTS, CONTENT_REVIEW_DB, REVIEW_READ_MODEL, SIGNATURE_REPOSITORY, TEMPLATE_REPOSITORY } from './tokens';

class ContentReviewDbCloser implements OnApplicationShutdown {
  constructor(@Inject(CONTENT_REVIEW_DB) private readonly db: DatabaseSync) {}
  // Shutdown hooks run after every onModuleDestroy, so the consumer and pipelines have stopped writing.
  onApplicationShutdown(): void {
    if (this.db.isOpen) this.db.close();
  }
}

/**
 * content-review: signatures and templates (event-sourced, reviewed by people after automatic screening), the
 * screening engine at send time, the review queue read model, and the outbox to the bus.
 */
@Module({
  controllers: [SignaturesController, TemplatesController, ReviewQueueController, ScreeningsController, ReviewGrpcController],
  providers: [
    { provide: CONTENT_REVIEW_DB, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => openSqlite(config.dataFile('content-review.db')) },
    { provide: CONTENT_REVIEW_CHECKPOINTS, inject: [CONTENT_REVIEW_DB], useFactory: (db: DatabaseSync) => new SqliteCheckpointStore(db) },
    { provide: REVIEW_READ_MODEL, inject: [CONTENT_REVIEW_DB], useFactory: (db: DatabaseSync) => new ReviewReadModel(db) },
    { provide: SIGNATURE_REPOSITORY, inject: [EVENT_STORE], useFactory: (store: EventStore) => createSignatureRepository(store) },
    { provide: TEMPLATE_REPOSITORY, inject: [EVENT_STORE], useFactory: (store: EventStore) => createTemplateRepository(store) },
    ContentReviewDbCloser,
    SignatureHandlers,
    TemplateHandlers,
    ScreenBatchHandler,
    ScreeningConsumer,
    ContentReviewPipelines,
  ],
  exports: [ContentReviewPipelines],
})
export class ContentReviewModule {}
