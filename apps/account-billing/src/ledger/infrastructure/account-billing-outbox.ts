import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { type CheckpointStore, EVENT_STORE, type EventStore } from '@sms/event-store';
import { MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { SubscriptionPipelines } from '@sms/service-kit';
import { ACCOUNT_BILLING_CODECS, type AccountBillingCodecs } from '../../account-billing.codec';
import { ACCOUNT_BILLING_CHECKPOINTS } from '../application/tokens';
import { ACCOUNT_BILLING_EVENT_PREFIX, toIntegrationEvents } from './outbox-mapping';

/** Publishes integration events from committed account-billing events; starts once every consumer is subscribed. */
@Injectable()
export class AccountBillingOutbox implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pipelines = new SubscriptionPipelines('AccountBillingOutbox');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ACCOUNT_BILLING_CHECKPOINTS) private readonly checkpoints: CheckpointStore,
    @Inject(ACCOUNT_BILLING_CODECS) private readonly codecs: AccountBillingCodecs,
  ) {}

  onApplicationBootstrap(): void {
    this.pipelines.outbox({
      name: 'account-billing',
      store: this.store,
      checkpoints: this.checkpoints,
      bus: this.bus,
      filter: { eventTypePrefixes: [ACCOUNT_BILLING_EVENT_PREFIX] },
      map: (recorded) => toIntegrationEvents(recorded, this.codecs.service, this.codecs.credential),
    });
  }

  /** Resolves once everything committed so far has been published. */
  async caughtUp(): Promise<void> {
    await this.pipelines.caughtUp();
  }

  async onModuleDestroy(): Promise<void> {
    await this.pipelines.stop();
  }
}
