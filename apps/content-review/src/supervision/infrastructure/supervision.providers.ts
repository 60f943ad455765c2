import type { Provider } from '@nestjs/common';
import { DATA_KEY_RING, type DataKeyRing } from '@sms/data-protection';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import type { DatabaseSync } from 'node:sqlite';
import type { ReadModelDatabase } from '@sms/use-case-kit';
import { ContentReviewConfig } from '../../content-review.config';
import { CONTENT_REVIEW_DB, READ_MODEL_DATABASE } from '../../tokens';
import { ComplaintRepliesConsumer } from '../api/complaint-replies.consumer';
import { ComplaintsController } from '../api/complaints.controller';
import { SupervisionGrpcController } from '../api/supervision.grpc.controller';
import { ViolationsController } from '../api/violations.controller';
import { BLOCKED_CONTENT_CONFIG, BLOCKED_CONTENT_COUNTS, COMPLAINT_MATCHER, COMPLAINT_REPOSITORY, SUPERVISION_CONFIG, VIOLATION_REPOSITORY, VIOLATIONS } from '../application/tokens';
import { CheckBlockedContentHandler } from '../check-blocked-content/handler';
import { createViolations } from '../application/violations';
import { complaintMatcher } from '../domain/complaint-keywords';
import { ListComplaintsHandler } from '../list-complaints/handler';
import { ListViolationsHandler } from '../list-violations/handler';
import { RecordComplaintHandler } from '../record-complaint/handler';
import { RecordMoComplaintHandler } from '../record-mo-complaint/handler';
import { RecordViolationHandler } from '../record-violation/handler';
import { ResolveViolationHandler } from '../resolve-violation/handler';
import { SqliteBlockedContentCounts } from './sqlite-blocked-content-counts';
import { SqliteComplaintRepository } from './sqlite-complaint-repository';
import { SqliteViolationRepository } from './sqlite-violation-repository';
import { SupervisionPipelines } from './supervision-pipelines';

/** The supervision slice of content-review (ADR 0034): registered in content-review.module.ts by these two lists. */
export const SUPERVISION_CONTROLLERS = [ViolationsController, ComplaintsController, SupervisionGrpcController];

export const SUPERVISION_PROVIDERS: Provider[] = [
  { provide: VIOLATIONS, inject: [EVENT_STORE, DATA_KEY_RING], useFactory: (store: EventStore, ring: DataKeyRing) => createViolations(store, ring) },
  { provide: VIOLATION_REPOSITORY, inject: [CONTENT_REVIEW_DB, DATA_KEY_RING], useFactory: (db: DatabaseSync, ring: DataKeyRing) => new SqliteViolationRepository(db, ring) },
  { provide: COMPLAINT_REPOSITORY, inject: [CONTENT_REVIEW_DB, DATA_KEY_RING], useFactory: (db: DatabaseSync, ring: DataKeyRing) => new SqliteComplaintRepository(db, ring) },
  // The rules' settings: ContentReviewConfig, validated when the process starts.
  { provide: SUPERVISION_CONFIG, inject: [ContentReviewConfig], useFactory: (config: ContentReviewConfig) => config.complaintRate },
  { provide: BLOCKED_CONTENT_CONFIG, inject: [ContentReviewConfig], useFactory: (config: ContentReviewConfig) => config.blockedContent },
  {
    provide: BLOCKED_CONTENT_COUNTS,
    inject: [CONTENT_REVIEW_DB, READ_MODEL_DATABASE],
    useFactory: (db: DatabaseSync, units: ReadModelDatabase) => new SqliteBlockedContentCounts(db, units),
  },
  CheckBlockedContentHandler,
  { provide: COMPLAINT_MATCHER, inject: [ContentReviewConfig], useFactory: (config: ContentReviewConfig) => complaintMatcher(config.complaintKeywords) },
  RecordViolationHandler,
  RecordComplaintHandler,
  RecordMoComplaintHandler,
  ComplaintRepliesConsumer,
  ListComplaintsHandler,
  ResolveViolationHandler,
  ListViolationsHandler,
  SupervisionPipelines,
];
