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
import type { BalanceView } from './application/balance-view';
import { PendingCharges } from './application/pending-charges';
import { SendBudgets } from './application/send-budgets';
import { SubmissionBacklog } from './application/submission-backlog';
import { BALANCE_VIEW, PENDING_CHARGES, SEND_BUDGETS, SUBMISSION_BACKLOG } from './application/tokens';
import { ProjectBalancesHandler } from './project-balances/handler';

/** A batch whose answers never come (held for review, or answered by another replica) stops counting after this. */
const BACKLOG_TTL_MS = 10_000;
/** An estimate no balance report has shown after this (its reservation never came here) stops being held (ADR 0027). */
const PENDING_CHARGE_TTL_MS = 60_000;

/** What DispatchModule registers for sends, their lifecycle and the message API. */
export const MESSAGE_PROVIDERS: Provider[] = [
  ...MESSAGE_INFRASTRUCTURE,
  {
    provide: SUBMISSION_BACKLOG,
    inject: [DispatchConfig],
    useFactory: (config: DispatchConfig) =>
      new SubmissionBacklog({ limit: config.DISPATCH_MAX_UNSUBMITTED, maxWaitMs: config.DISPATCH_BACKPRESSURE_WAIT_MS, ttlMs: BACKLOG_TTL_MS }),
  },
  { provide: PENDING_CHARGES, useFactory: () => new PendingCharges(PENDING_CHARGE_TTL_MS) },
  { provide: SEND_BUDGETS, inject: [BALANCE_VIEW, PENDING_CHARGES], useFactory: (view: BalanceView, pending: PendingCharges) => new SendBudgets(view, pending) },
  ProjectBalancesHandler,
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
