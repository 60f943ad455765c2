import type { Provider } from '@nestjs/common';
import { CarrierEventConsumers } from './api/event-consumers';
import { CarrierEngine } from './carrier-engine';
import { EraseAccountDataHandler } from './erase-account/handler';
import { SUBMISSION_INFRASTRUCTURE } from './infrastructure/providers';
import { QueueRoutedHandler } from './queue-routed/handler';
import { RecordOutcomesHandler } from './record-outcomes/handler';
import { RelayOutcomesHandler } from './relay-outcomes/handler';
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
];
