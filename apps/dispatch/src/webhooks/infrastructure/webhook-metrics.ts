import { metrics } from '@opentelemetry/api';
import type { DeliveryMetrics, DeliveryOutcome } from '../application/delivery-ports';

/**
 * `sms.webhook.deliveries`: webhook attempts by outcome (delivered, retried, dead, dropped) and event type, on the
 * OpenTelemetry meter of the process (a no-op until a meter provider is registered). `dead` is the one to alert on.
 */
export class OtelDeliveryMetrics implements DeliveryMetrics {
  private readonly counter = metrics.getMeter('sms.dispatch.webhooks').createCounter('sms.webhook.deliveries', { description: 'Webhook delivery attempts by outcome' });

  record(outcome: DeliveryOutcome, eventType: string): void {
    this.counter.add(1, { outcome, 'event.type': eventType });
  }
}
