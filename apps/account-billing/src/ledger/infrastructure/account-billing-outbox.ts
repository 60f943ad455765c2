import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { type CheckpointStore, EVENT_STORE, type EventStore } from '@sms/event-store';
import { MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { startOutbox } from '@sms/service-kit';
import { ACCOUNT_BILLING_CHECKPOINTS } from '../application/tokens';
import { ACCOUNT_BILLING_EVENT_PREFIX, toIntegrationEvents } from './outbox-mapping';

/** Publishes integration events from committed account-billing events; starts once every consumer is subscribed. */
@Injectable()
export class AccountBillingOutbox implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AccountBillingOutbox');
  private running?: ReturnType<typeof startOutbox>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ACCOUNT_BILLING_CHECKPOINTS) private readonly checkpoints: CheckpointStore,
  ) {}

  onApplicationBootstrap(): void {
    this.running = startOutbox({
      name: 'account-billing',
      store: this.store,
      checkpoints: this.checkpoints,
      bus: this.bus,
      filter: { eventTypePrefixes: [ACCOUNT_BILLING_EVENT_PREFIX] },
      map: toIntegrationEvents,
      onError: (error) => this.logger.error(`outbox failed, retrying: ${error instanceof Error ? error.message : String(error)}`),
    });
  }

  /** Resolves once everything committed so far has been published. */
  async caughtUp(): Promise<void> {
    await this.running?.caughtUp();
  }

  async onModuleDestroy(): Promise<void> {
    await this.running?.stop();
  }
}
