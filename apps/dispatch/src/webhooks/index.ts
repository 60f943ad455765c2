import type { Provider, Type } from '@nestjs/common';
import { WebhookEventConsumers } from './api/event-consumers';
import { WEBHOOK_FEED } from './application/tokens';
import { WebhooksController } from './api/webhooks.controller';
import { ConfigureWebhookHandler } from './configure-webhook/handler';
import { EnqueueDeliveriesHandler } from './enqueue-deliveries/handler';
import { EraseWebhooksHandler } from './erase-webhooks/handler';
import { GetWebhookHandler } from './get-webhook/handler';
import { WEBHOOK_INFRASTRUCTURE } from './infrastructure/providers';
import { RemoveWebhookHandler } from './remove-webhook/handler';

/** What DispatchModule registers for customers' webhooks (ADR 0019). */
export const WEBHOOK_PROVIDERS: Provider[] = [
  ...WEBHOOK_INFRASTRUCTURE,
  ConfigureWebhookHandler,
  GetWebhookHandler,
  RemoveWebhookHandler,
  EnqueueDeliveriesHandler,
  EraseWebhooksHandler,
  WebhookEventConsumers,
  { provide: WEBHOOK_FEED, useExisting: WebhookEventConsumers },
];
export const WEBHOOK_CONTROLLERS: Type[] = [WebhooksController];
