import { Inject, Injectable, Optional } from '@nestjs/common';
import { DELIVERY_REPORT_V1, INBOUND_MESSAGE_V1 } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { CLOCK, type Clock } from '@sms/service-kit';
import { applyOnce, type ReadModelDatabase } from '@sms/use-case-kit';
import type { DeliverySignal } from '../application/delivery-ports';
import type { WebhookOutbox, WebhookSubscriptions } from '../application/webhook-store';
import { DELIVERY_SIGNAL, WEBHOOK_DATABASE, WEBHOOK_OUTBOX, WEBHOOK_SUBSCRIPTIONS } from '../application/tokens';
import { structuredCloudEvent } from '../domain/signature';

/** The public events a webhook carries (CONTRACTS.md): each final receipt and each reply. A new version is added here on purpose. */
export const WEBHOOK_EVENT_TYPES: ReadonlySet<string> = new Set([DELIVERY_REPORT_V1, INBOUND_MESSAGE_V1]);

/**
 * Queues the public events of accounts with a webhook (consumer of `sms.delivery-receipts` and `sms.inbound`): the
 * structured-mode CloudEvent is built now — the exact bytes every attempt sends and signs — and written to the
 * outbox in the same unit of work as the inbox claim, so a crash loses nothing and a redelivered event (same id) is
 * queued once. Events of accounts without a webhook cost a key lookup and write nothing.
 */
@Injectable()
export class EnqueueDeliveriesHandler {
  constructor(
    @Inject(WEBHOOK_SUBSCRIPTIONS) private readonly subscriptions: WebhookSubscriptions,
    @Inject(WEBHOOK_OUTBOX) private readonly outbox: WebhookOutbox,
    @Inject(WEBHOOK_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(DELIVERY_SIGNAL) private readonly signal?: DeliverySignal,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    if (!WEBHOOK_EVENT_TYPES.has(event.type)) return;
    const accountId = accountOf(event);
    if (accountId === undefined || !(await this.subscriptions.has(accountId))) return;
    const body = structuredCloudEvent(event);
    let queued = false;
    await applyOnce(this.db, 'webhooks', event.id, async () => {
      queued = await this.outbox.enqueue({ eventId: event.id, accountId, eventType: event.type, body, queuedAt: this.clock.now().getTime() });
    });
    if (queued) this.signal?.queued(accountId);
  }
}

/** Both public events name their account; the record key is the account too (CONTRACTS.md "Kafka"). */
function accountOf(event: IntegrationEvent): string | undefined {
  const fromData = (event.data as { accountId?: unknown } | undefined)?.accountId;
  if (typeof fromData === 'string' && fromData.length > 0) return fromData;
  return event.key || undefined;
}
