import { Inject, Injectable, OnApplicationShutdown, type Provider } from '@nestjs/common';
import { openSqlite, PLATFORM_CONFIG, type PlatformConfig } from '@sms/service-kit';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import type { DatabaseSync } from 'node:sqlite';
import { SqliteReviewRepository } from '../review/infrastructure/sqlite-review-repository';
import { CONTENT_REVIEW_DB, READ_MODEL_DATABASE, REVIEW_REPOSITORY } from '../tokens';

@Injectable()
class ContentReviewDbCloser implements OnApplicationShutdown {
  constructor(@Inject(CONTENT_REVIEW_DB) private readonly db: DatabaseSync) {}
  // Shutdown hooks run after every onModuleDestroy, so the consumer and pipelines have stopped writing.
  onApplicationShutdown(): void {
    if (this.db.isOpen) this.db.close();
  }
}

/**
 * The adapters behind content-review's read-side ports, on the service's own SQLite file: its read-model database
 * (unit of work, inbox, checkpoints) and the review queue repository share one connection, so a projection's rows
 * and checkpoint commit together. The production profile swaps these for MongoDB adapters here.
 */
export const CONTENT_REVIEW_INFRASTRUCTURE: Provider[] = [
  { provide: CONTENT_REVIEW_DB, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => openSqlite(config.dataFile('content-review.db')) },
  { provide: READ_MODEL_DATABASE, inject: [CONTENT_REVIEW_DB], useFactory: (db: DatabaseSync) => new SqliteReadModelDatabase(db) },
  { provide: REVIEW_REPOSITORY, inject: [CONTENT_REVIEW_DB], useFactory: (db: DatabaseSync) => new SqliteReviewRepository(db) },
  ContentReviewDbCloser,
];
