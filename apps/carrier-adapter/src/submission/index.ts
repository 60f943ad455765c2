import type { Provider } from '@nestjs/common';
import { ChannelControlConsumer } from './api/channel-control.consumer';
import { CarrierEventConsumers } from './api/event-consumers';
import { ApplyControlHandler } from './apply-control/handler';
import { HALTED_ACCOUNTS_PROVIDER } from './application/halted-accounts';
import { CancelQueuedHandler } from './cancel-queued/handler';
import { CarrierEngine } from './carrier-engine';
import { EraseAccountDataHandler } from './erase-account/handler';
import { HaltAccountHandler } from './halt-account/handler';
import { SUBMISSION_INFRASTRUCTURE } from './infrastructure/providers';
import { QueueRoutedHandler } from './queue-routed/handler';
import { RecordOutcomesHandler } from './record-outcomes/handler';
import { RelayOutcomesHandler } from './relay-outcomes/handler';
import { ReportHealthHandler } from './report-health/handler';
import { SubmitQueuedHandler } from './submit-queued/handler';

/** What CarrierAdapterModule registers: adapters, the use cases (the four of the data path, and its part of an erasure), their inputs and the lifecycle that orders them. */
export const SUBMISSION_PROVIDERS: Provider[] = [
  ...SUBMISSION_INFRASTRUCTURE,
  QueueRoutedHandler,
  SubmitQueuedHandler,
  RecordOutcomesHandler,
  RelayOutcomesHandler,
  CarrierEventConsumers,
  CarrierEngine,
  EraseAccountDataHandler,
  // Stopping transmission (ADR 0023): account halts and cancellations.
  HALTED_ACCOUNTS_PROVIDER,
  HaltAccountHandler,
  CancelQueuedHandler,
  // Routing, failover and maintenance (ADR 0018): dispatch's controls in, each channel's health out.
  ApplyControlHandler,
  ChannelControlConsumer,
  ReportHealthHandler,
];
