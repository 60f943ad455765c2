import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { SubscriptionPipelines } from '@sms/service-kit';
import type { ReadModelDatabase } from '@sms/use-case-kit';
import { ACCOUNT_BILLING_CODECS, type AccountBillingCodecs, type AccountBillingEvent } from '../../account-billing.codec';
import { AccountBillingConfig } from '../../account-billing.config';
import type { RetentionProjection, RetentionSchedule } from '../application/retention-schedule';
import { ACCOUNT_BILLING_DB, RETENTION_SCHEDULE } from '../application/tokens';
import { ACCOUNT_EVENT_TYPES, ACCOUNT_STREAM_PREFIX } from '../domain/account.events';
import { EnforceRetentionHandler } from '../enforce-retention/handler';

/**
 * Retention in account-billing (ADR 0017): the projection that keeps the schedule of accounts (opened, own period,
 * boundary erased last, erased) from the account streams, and the job that runs EnforceRetentionHandler at start-up
 * and every RETENTION_CHECK_INTERVAL_SECONDS. Runs never overlap; a failed run is logged and tried again next time.
 */
@Injectable()
export class RetentionPipelines implements RetentionProjection, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Retention');
  private readonly pipelines = new SubscriptionPipelines('RetentionPipelines');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACCOUNT_BILLING_DB) private readonly db: ReadModelDatabase,
    @Inject(RETENTION_SCHEDULE) private readonly schedule: RetentionSchedule,
    @Inject(ACCOUNT_BILLING_CODECS) private readonly codecs: AccountBillingCodecs,
    private readonly settings: AccountBillingConfig,
    private readonly enforce: EnforceRetentionHandler,
  ) {}

  onApplicationBootstrap(): void {
    this.pipelines.projection<AccountBillingEvent>(
      {
        store: this.store,
        codec: this.codecs.service,
        name: 'account-billing.retention',
        filter: { eventTypePrefixes: [ACCOUNT_EVENT_TYPES.AccountOpened, ACCOUNT_EVENT_TYPES.RetentionPeriodSet, ACCOUNT_EVENT_TYPES.AccountDataErased] },
        db: this.db,
        project: async (events) => {
          for (const { event, recorded } of events) {
            const accountId = recorded.streamName.slice(ACCOUNT_STREAM_PREFIX.length);
            if (event.type === 'AccountOpened') await this.schedule.opened(event.data.accountId, event.data.openedAt);
            else if (event.type === 'RetentionPeriodSet') await this.schedule.retentionSet(accountId, event.data.days);
            else if (event.type === 'AccountDataErased') {
              if (event.data.scope === 'account') await this.schedule.erased(accountId);
              else if (event.data.before) await this.schedule.retentionErased(accountId, event.data.before);
            }
          }
        },
      },
      'retention schedule projection',
    );
    this.tick();
  }

  async caughtUp(): Promise<void> {
    await this.pipelines.caughtUp();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.pipelines.stop();
  }

  /** One run now, the next one an interval after it ends. */
  private tick(): void {
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      this.timer = setTimeout(() => this.tick(), this.settings.RETENTION_CHECK_INTERVAL_SECONDS * 1000);
      this.timer.unref();
    });
  }

  private async run(): Promise<void> {
    try {
      // Accounts opened and periods set a moment ago are in the schedule.
      await this.caughtUp();
      const erased = await this.enforce.handle();
      if (erased.length > 0) this.logger.log(`retention: erased data of ${erased.length} account(s) whose period passed`);
    } catch (error) {
      this.logger.error(`retention run failed, trying again in ${this.settings.RETENTION_CHECK_INTERVAL_SECONDS} s: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
