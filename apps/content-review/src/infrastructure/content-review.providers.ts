import type { Provider } from '@nestjs/common';
import { sqliteFile } from '@sms/service-kit';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import type { DatabaseSync } from 'node:sqlite';
import { SqliteReviewRepository } from '../review/infrastructure/sqlite-review-repository';
import { CONTENT_REVIEW_DB, READ_MODEL_DATABASE, REVIEW_REPOSITORY } from '../tokens';

/**
 * The adapters behind content-review's read-side ports, on the service's own SQLite file: its read-model database
 * (unit of work, inbox, checkpoints) and the review queue repository share one connection, so a projection's rows
 * and checkpoint commit together. The production profile swaps these for MongoDB adapters here.
 */
export const CONTENT_REVIEW_INFRASTRUCTURE: Provider[] = [
  ...sqliteFile(CONTENT_REVIEW_DB, 'content-review.db'),
  { provide: READ_MODEL_DATABASE, inject: [CONTENT_REVIEW_DB], useFactory: (db: DatabaseSync) => new SqliteReadModelDatabase(db) },
  { provide: REVIEW_REPOSITORY, inject: [CONTENT_REVIEW_DB], useFactory: (db: DatabaseSync) => new SqliteReviewRepository(db) },
];
