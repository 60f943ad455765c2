import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { INTERNAL_TOPICS, MESSAGES_SUBMITTED_V1 } from '@sms/contracts';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { type BusSubscription, type IntegrationEvent, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { SubscriptionPipelines } from '@sms/service-kit';
import type { ReadModelDatabase } from '@sms/use-case-kit';
import { ACCOUNT_BILLING_CODECS, type AccountBillingCodecs, type AccountBillingEvent } from '../../account-billing.codec';
import { ACCOUNT_BILLING_DB } from '../../ledger/application/tokens';
import { parseMessagesSubmitted } from '../../ledger/infrastructure/payloads';
import type { BilledProjection, ReconciliationStore } from '../application/reconciliation-store';
import { RECONCILIATION_STORE } from '../application/tokens';
import { BILLED_EVENT_TYPE_PREFIX, BILLED_PROJECTION_NAME, projectBilled } from '../project-billed/projection';
import { RecordAcknowledgementsHandler } from '../record-acknowledgements/handler';

/** Its own group on sms.internal.submissions, beside settle-funds: it sees every acknowledgement settle-funds sees. */
export const RECONCILIATION_CONSUMER_GROUP = 'account-billing.reconciliation';

/**
 * Feeds the reconciliation table from both sides (ADR 0026):
 * - the carrier's: consumer group `account-billing.reconciliation` on sms.internal.submissions (sms.messages-submitted.v1;
 *   every other type on the topic, such as sms.messages-returned.v1, is ignored), subscribed in onModuleInit so that in
 *   the one-process profile it exists before anything publishes; an invalid payload fails every retry and ends on the
 *   dead-letter topic, like settle-funds';
 * - the ledger's: a catch-up subscription to FundsCaptured in the event store, whose rows and checkpoint commit in one
 *   unit of work per delivered batch (the kit's projection runner), started once the application is up.
 */
@Injectable()
export class ReconciliationPipelines implements BilledProjection, OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly pipelines = new SubscriptionPipelines('Reconciliation');
  private subscription?: BusSubscription;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACCOUNT_BILLING_DB) private readonly db: ReadModelDatabase,
    @Inject(RECONCILIATION_STORE) private readonly table: ReconciliationStore,
    @Inject(ACCOUNT_BILLING_CODECS) private readonly codecs: AccountBillingCodecs,
    private readonly acknowledgements: RecordAcknowledgementsHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: RECONCILIATION_CONSUMER_GROUP,
      topics: [INTERNAL_TOPICS.submissions],
      handler: async (event) => {
        if (event.type !== MESSAGES_SUBMITTED_V1) return;
        await this.acknowledgements.handle({ ...event, data: parseMessagesSubmitted(event.data, event.type) } as IntegrationEvent<never>);
      },
    });
  }

  onApplicationBootstrap(): void {
    this.pipelines.projection<AccountBillingEvent>(
      {
        store: this.store,
        codec: this.codecs.service,
        name: BILLED_PROJECTION_NAME,
        filter: { eventTypePrefixes: [BILLED_EVENT_TYPE_PREFIX] },
        db: this.db,
        project: (events) => projectBilled(this.table, events),
      },
      'billed segments projection',
    );
  }

  async caughtUp(): Promise<void> {
    await this.pipelines.caughtUp();
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
    await this.pipelines.stop();
  }
}
