import type { Provider } from '@nestjs/common';
import { CarrierEventConsumers } from './api/event-consumers';
import { CarrierEngine } from './carrier-engine';
import { SUBMISSION_INFRASTRUCTURE } from './infrastructure/providers';
import { QueueRoutedHandler } from './queue-routed/handler';
import { RecordOutcomesHandler } from './record-outcomes/handler';
import { RelayOutcomesHandler } from './relay-outcomes/handler';
import { SubmitQueuedHandler } from './submit-queued/handler';

/** What CarrierAdapterModule registers: adapters, the four use cases, their inputs and the lifecycle that orders them. */
export const SUBMISSION_PROVIDERS: Provider[] = [
  ...SUBMISSION_INFRASTRUCTURE,
  QueueRoutedHandler,
  SubmitQueuedHandler,
  RecordOutcomesHandler,
  RelayOutcomesHandler,
  CarrierEventConsumers,
  CarrierEngine,
];
