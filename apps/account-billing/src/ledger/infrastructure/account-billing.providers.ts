import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type Provider } from '@nestjs/common';
import { DATA_KEY_RING, type DataKeyRing } from '@sms/data-protection';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { PLATFORM_CONFIG, type PlatformConfig, sqliteFile } from '@sms/service-kit';
import { SqliteReadModelDatabase, SqliteSnapshotStore } from '@sms/use-case-kit';
import type { DatabaseSync } from 'node:sqlite';
import { ACCOUNT_BILLING_CODECS, type AccountBillingCodecs, protectedAccountBillingCodecs } from '../../account-billing.codec';
import { AccountBillingConfig } from '../../account-billing.config';
import { type AccountCommands, accountCommands, refusedReservationCommands } from '../application/command-handlers';
import {
  ACCOUNT_BILLING_CHECKPOINTS,
  ACCOUNT_BILLING_DB,
  ACCOUNT_COMMANDS,
  REFUSED_RESERVATION_COMMANDS,
  RETENTION_POLICY,
  RETENTION_PROJECTION,
  RETENTION_SCHEDULE,
} from '../application/tokens';
import { accountEventWeight, accountSnapshotSerializer } from '../domain/account.snapshot';
import type { RetentionPolicy } from '../domain/retention';
import { RetentionPipelines } from './retention-pipelines';
import { SqliteRetentionSchedule } from './sqlite-retention-schedule';

/** The open `account-billing.db` (only adapters in infrastructure/ see the connection). */
const ACCOUNT_BILLING_SQLITE = Symbol('ACCOUNT_BILLING_SQLITE');
interface AccountBillingSqlite {
  db: DatabaseSync;
  readModels: SqliteReadModelDatabase;
}

/**
 * Weight of the events between two snapshots of an account's state (ADR 0028; an event weighs EVENT_WEIGHT plus the
 * messages it carries): at most ~4,500 single-message events, or ~45 batches of a thousand, after a snapshot.
 */
export const ACCOUNT_SNAPSHOT_EVERY = 50_000;

/** Lets the snapshots being written finish before `account-billing.db` closes (they would only be lost, not harmful). */
@Injectable()
class AccountSnapshotsOnShutdown implements BeforeApplicationShutdown {
  constructor(@Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.accounts.snapshotsWritten();
  }
}

/**
 * What account-billing's module wires to real infrastructure: its own SQLite file `account-billing.db` (the outbox
 * checkpoint, in the kit's `checkpoints` table — the same table and columns as before, so existing files load — and
 * the retention schedule with its projection) and the command handlers over the event store, where the ledger lives.
 */
export const ACCOUNT_BILLING_INFRASTRUCTURE: Provider[] = [
  // The contact e-mail of AccountOpened is sealed with the account's data key (ADR 0016).
  { provide: ACCOUNT_BILLING_CODECS, inject: [DATA_KEY_RING], useFactory: (ring: DataKeyRing) => protectedAccountBillingCodecs(ring) },
  ...sqliteFile(ACCOUNT_BILLING_SQLITE, 'account-billing.db', (db): AccountBillingSqlite => ({ db, readModels: new SqliteReadModelDatabase(db) })),
  { provide: ACCOUNT_BILLING_DB, inject: [ACCOUNT_BILLING_SQLITE], useFactory: (sqlite: AccountBillingSqlite) => sqlite.readModels },
  { provide: ACCOUNT_BILLING_CHECKPOINTS, useExisting: ACCOUNT_BILLING_DB },
  { provide: AccountBillingConfig, inject: [PLATFORM_CONFIG], useFactory: (platform: PlatformConfig) => platform.settings(AccountBillingConfig) },
  // Retention (ADR 0017): the schedule of accounts in the same file, the platform's period and the key epoch.
  { provide: RETENTION_SCHEDULE, inject: [ACCOUNT_BILLING_SQLITE], useFactory: (sqlite: AccountBillingSqlite) => new SqliteRetentionSchedule(sqlite.db) },
  {
    provide: RETENTION_POLICY,
    inject: [AccountBillingConfig, PLATFORM_CONFIG],
    useFactory: (settings: AccountBillingConfig, platform: PlatformConfig): RetentionPolicy => ({ defaultRetentionMs: settings.defaultRetentionMs, epochMs: platform.dataKeyEpochMs }),
  },
  RetentionPipelines,
  { provide: RETENTION_PROJECTION, useExisting: RetentionPipelines },
  // Snapshots of the account states in `account-billing.db` (ADR 0028), the contact e-mail sealed with the same ring.
  {
    provide: ACCOUNT_COMMANDS,
    inject: [EVENT_STORE, ACCOUNT_BILLING_CODECS, ACCOUNT_BILLING_SQLITE, DATA_KEY_RING],
    useFactory: (store: EventStore, codecs: AccountBillingCodecs, sqlite: AccountBillingSqlite, ring: DataKeyRing) => {
      const logger = new Logger('AccountSnapshots');
      return accountCommands(store, {
        codec: codecs.account,
        snapshots: {
          store: new SqliteSnapshotStore(sqlite.db, { unitOfWork: sqlite.readModels }),
          serializer: accountSnapshotSerializer(ring),
          every: ACCOUNT_SNAPSHOT_EVERY,
          weightOf: accountEventWeight,
          onError: (error, stream) => logger.warn(`snapshot of ${stream}: ${error instanceof Error ? error.message : String(error)}`),
        },
      });
    },
  },
  AccountSnapshotsOnShutdown,
  { provide: REFUSED_RESERVATION_COMMANDS, inject: [EVENT_STORE], useFactory: (store: EventStore) => refusedReservationCommands(store) },
];
