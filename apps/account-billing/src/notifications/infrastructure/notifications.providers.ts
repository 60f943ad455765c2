import type { Provider, Type } from '@nestjs/common';
import { type ReadModelDatabase, SqliteReadModelDatabase } from '@sms/use-case-kit';
import { AccountBillingConfig } from '../../account-billing.config';
import { ACCOUNT_BILLING_DB } from '../../ledger/application/tokens';
import { NotificationsController } from '../api/notifications.controller';
import { NotificationsGrpcController } from '../api/notifications.grpc.controller';
import type { Mailer } from '../application/mailer';
import { MAILER, NOTIFICATION_STORE } from '../application/tokens';
import { DeliverEmailsHandler } from '../deliver-emails/handler';
import { ListNotificationsHandler } from '../list-notifications/handler';
import { ProjectNotificationsHandler } from '../project-notifications/handler';
import { RecordNotificationsHandler } from '../record-notifications/handler';
import { NodemailerMailer, NoMailer } from './nodemailer-mailer';
import { NotificationPipelines } from './notification-pipelines';
import { SqliteNotificationStore } from './sqlite-notification-store';

/** Notifications' REST and gRPC controllers (ADR 0025). */
export const NOTIFICATION_CONTROLLERS: Type[] = [NotificationsController, NotificationsGrpcController];

/**
 * What notifications wire to real infrastructure: the store in `account-billing.db`, on the connection of the
 * service's read-model database (so each pipeline's rows commit with its checkpoint), the mailer of SMTP_URL, the
 * handlers and the pipelines that run them.
 */
export const NOTIFICATION_PROVIDERS: Provider[] = [
  {
    provide: NOTIFICATION_STORE,
    inject: [ACCOUNT_BILLING_DB],
    useFactory: (db: ReadModelDatabase) => {
      if (!(db instanceof SqliteReadModelDatabase)) throw new Error('Notifications keep their tables in account-billing.db: its read-model database must be SQLite');
      return new SqliteNotificationStore(db.db);
    },
  },
  {
    provide: MAILER,
    inject: [AccountBillingConfig],
    useFactory: (settings: AccountBillingConfig): Mailer => (settings.SMTP_URL ? new NodemailerMailer({ url: settings.SMTP_URL, from: settings.SMTP_FROM }) : new NoMailer()),
  },
  RecordNotificationsHandler,
  ProjectNotificationsHandler,
  DeliverEmailsHandler,
  ListNotificationsHandler,
  NotificationPipelines,
];
