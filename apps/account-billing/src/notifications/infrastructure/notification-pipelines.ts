import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent, type RunningSubscription } from '@sms/event-store';
import { SubscriptionPipelines } from '@sms/service-kit';
import type { ReadModelDatabase } from '@sms/use-case-kit';
import { ACCOUNT_BILLING_CODECS, type AccountBillingCodecs } from '../../account-billing.codec';
import { ACCOUNT_BILLING_DB } from '../../ledger/application/tokens';
import { ACCOUNT_EVENT_TYPES, ACCOUNT_STREAM_PREFIX } from '../../ledger/domain/account.events';
import { PRICE_CATALOGUE_EVENT_TYPES } from '../../pricing/domain/price-catalogue';
import type { Mailer } from '../application/mailer';
import { MAILER } from '../application/tokens';
import { DeliverEmailsHandler } from '../deliver-emails/handler';
import { NOTIFICATION_EVENT_TYPES, NOTIFICATION_STREAM_PREFIX } from '../domain/notification.events';
import { notificationCodec } from '../notification.codec';
import { type NotificationsInput, ProjectNotificationsHandler } from '../project-notifications/handler';
import { type CommittedEvent, RecordNotificationsHandler } from '../record-notifications/handler';

/** Checkpoint names in `account-billing.db`. */
export const NOTIFIER_CHECKPOINT = 'account-billing.notifier';
export const NOTIFICATIONS_CHECKPOINT = 'account-billing.notifications';

/** How often the e-mails waiting for a retry are looked at (their times come from the injected clock). */
export const EMAIL_POLL_MS = 15_000;

/** The events the notifier reads: what it tells, and what it must know of the accounts to tell it. */
const NOTIFIER_TYPES = [
  ACCOUNT_EVENT_TYPES.AccountOpened,
  ACCOUNT_EVENT_TYPES.LowBalanceCrossed,
  ACCOUNT_EVENT_TYPES.AccountFrozen,
  ACCOUNT_EVENT_TYPES.AccountUnfrozen,
  ACCOUNT_EVENT_TYPES.AccountSuspended,
  ACCOUNT_EVENT_TYPES.SuspensionLifted,
  ACCOUNT_EVENT_TYPES.TerminationRequested,
  ACCOUNT_EVENT_TYPES.BalanceRefunded,
  ACCOUNT_EVENT_TYPES.AccountTerminated,
  ACCOUNT_EVENT_TYPES.AccountDataErased,
  PRICE_CATALOGUE_EVENT_TYPES.PriceCataloguePublished,
];

/**
 * Notifications (ADR 0025), three stages, each durable on its own:
 * 1. the notifier: a checkpointed subscription to the service's own committed events that records
 *    `NotificationRecorded` on `notifications-<accountId>` (RecordNotificationsHandler);
 * 2. the read model: a checkpointed subscription to those (and to erasures) that lists each notification and queues
 *    its e-mail, rows and position in one unit of work (ProjectNotificationsHandler);
 * 3. the mailer: sends what is due after each queued batch, at start-up and every EMAIL_POLL_MS (DeliverEmailsHandler).
 */
@Injectable()
export class NotificationPipelines implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Notifications');
  private readonly pipelines = new SubscriptionPipelines('NotificationPipelines');
  private notifier?: RunningSubscription;
  private readModel?: RunningSubscription;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACCOUNT_BILLING_DB) private readonly db: ReadModelDatabase,
    @Inject(ACCOUNT_BILLING_CODECS) private readonly codecs: AccountBillingCodecs,
    @Inject(MAILER) private readonly mailer: Mailer,
    private readonly record: RecordNotificationsHandler,
    private readonly projection: ProjectNotificationsHandler,
    private readonly deliveries: DeliverEmailsHandler,
  ) {}

  onApplicationBootstrap(): void {
    // The checkpoint is saved by the handler, in the unit of work that remembers the accounts the batch taught it.
    const checkpoints = { load: (name: string) => this.db.load(name), save: async () => undefined };
    this.notifier = this.pipelines.run(
      {
        store: this.store,
        checkpoints,
        name: NOTIFIER_CHECKPOINT,
        filter: { eventTypePrefixes: NOTIFIER_TYPES },
        handle: async (batch) => {
          const committed = batch.flatMap((recorded): CommittedEvent[] => {
            const event = this.codecs.service.decode(recorded);
            return event ? [{ event, recorded }] : [];
          });
          await this.record.handle(committed, () => this.db.save(NOTIFIER_CHECKPOINT, batch[batch.length - 1].position));
        },
      },
      'notifier',
    );
    this.readModel = this.pipelines.run(
      {
        store: this.store,
        checkpoints,
        name: NOTIFICATIONS_CHECKPOINT,
        filter: { eventTypePrefixes: [NOTIFICATION_EVENT_TYPES.NotificationRecorded, ACCOUNT_EVENT_TYPES.AccountDataErased] },
        handle: async (batch) => {
          const inputs = batch.flatMap((recorded) => this.notificationsInput(recorded) ?? []);
          const queued = await this.db.transaction(async () => {
            const count = await this.projection.project(inputs);
            await this.db.save(NOTIFICATIONS_CHECKPOINT, batch[batch.length - 1].position);
            return count;
          });
          // Outside the unit of work, once it committed: the mailer reads and writes units of its own.
          if (queued > 0) this.deliver();
        },
      },
      'notifications read model',
    );
    this.poll();
  }

  /**
   * Resolves once everything committed so far is recorded, listed and its e-mail queued: the notifier first, then the
   * read model, which must also see what the notifier appended meanwhile.
   */
  async caughtUp(): Promise<void> {
    await this.notifier?.caughtUp();
    await this.readModel?.caughtUp();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pipelines.stop();
    // A delivery under way finishes and records its outcome before the connection closes.
    await this.deliveries.settled();
    await this.mailer.close();
  }

  private notificationsInput(recorded: RecordedEvent): { accountId: string; event: NotificationsInput } | undefined {
    if (recorded.streamName.startsWith(NOTIFICATION_STREAM_PREFIX)) {
      const event = notificationCodec.decode(recorded);
      return event ? { accountId: event.data.accountId, event } : undefined;
    }
    if (!recorded.streamName.startsWith(ACCOUNT_STREAM_PREFIX)) return undefined;
    const event = this.codecs.account.decode(recorded);
    return event.type === 'AccountDataErased' ? { accountId: recorded.streamName.slice(ACCOUNT_STREAM_PREFIX.length), event } : undefined;
  }

  private deliver(): void {
    if (this.stopped) return;
    this.deliveries.deliverDue().catch((error) => this.logger.error(`e-mail delivery failed, trying again in ${EMAIL_POLL_MS / 1000} s: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** A run now, the next one an interval later. */
  private poll(): void {
    this.deliver();
    if (this.stopped) return;
    this.timer = setTimeout(() => this.poll(), EMAIL_POLL_MS);
    this.timer.unref();
  }
}
