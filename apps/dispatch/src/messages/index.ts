import type { Provider, Type } from '@nestjs/common';
import { MessageEventConsumers } from './api/event-consumers';
import { DispatchGrpcController, MessagesController } from './api/messages.controller';
import { GetMessageHandler } from './get-message/handler';
import { MESSAGE_INFRASTRUCTURE } from './infrastructure/providers';
import { ListMessagesHandler } from './list-messages/handler';
import { ProjectDirectoryHandler } from './project-directory/handler';
import { RecordScreeningHandler } from './record-screening/handler';
import { RecordSubmissionsHandler } from './record-submissions/handler';
import { ReportDeliveriesHandler } from './report-deliveries/handler';
import { RerouteReturnedHandler } from './reroute-returned/handler';
import { RouteBatchHandler } from './route-batch/handler';
import { SendMessagesHandler } from './send-messages/handler';
import { CancelMessagesHandler } from './cancel-message/handler';
import { HaltAccountHandler } from './halt-account/handler';
import { ReleaseScheduledHandler } from './release-scheduled/handler';
import { DispatchConfig } from '../dispatch.config';
import { BatchTexts } from './application/batch-texts';
import { SubmissionBacklog } from './application/submission-backlog';
import { SUBMISSION_BACKLOG } from './application/tokens';

/** A batch whose answers never come (held for review, or answered by another replica) stops counting after this. */
const BACKLOG_TTL_MS = 10_000;

/** What DispatchModule registers for sends, their lifecycle and the message API. */
export const MESSAGE_PROVIDERS: Provider[] = [
  ...MESSAGE_INFRASTRUCTURE,
  {
    provide: SUBMISSION_BACKLOG,
    inject: [DispatchConfig],
    useFactory: (config: DispatchConfig) =>
      new SubmissionBacklog({ limit: config.DISPATCH_MAX_UNSUBMITTED, maxWaitMs: config.DISPATCH_BACKPRESSURE_WAIT_MS, ttlMs: BACKLOG_TTL_MS }),
  },
  SendMessagesHandler,
  CancelMessagesHandler,
  HaltAccountHandler,
  ReleaseScheduledHandler,
  BatchTexts,
  RouteBatchHandler,
  ProjectDirectoryHandler,
  RecordScreeningHandler,
  RecordSubmissionsHandler,
  ReportDeliveriesHandler,
  RerouteReturnedHandler,
  GetMessageHandler,
  ListMessagesHandler,
  MessageEventConsumers,
];
export const MESSAGE_CONTROLLERS: Type[] = [MessagesController, DispatchGrpcController];
