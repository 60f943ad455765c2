import { Inject, Injectable } from '@nestjs/common';
import type { AccountDataErased } from '../../ledger/domain/account.events';
import type { NotificationStore } from '../application/notification-store';
import { NOTIFICATION_STORE } from '../application/tokens';
import type { NotificationRecorded } from '../domain/notification.events';

export type NotificationsInput = NotificationRecorded | AccountDataErased;

/**
 * The notifications read model and the queue of their e-mails, from the `notifications-<id>` streams: each recorded
 * notification is listed and its e-mail queued PENDING; the erasure of an account (ADR 0017) deletes its
 * notifications and their e-mails and refuses any recorded for it later (a notifier that was behind). Runs inside
 * the projection's unit of work, so rows and position commit together; a redelivered notification changes nothing.
 */
@Injectable()
export class ProjectNotificationsHandler {
  constructor(@Inject(NOTIFICATION_STORE) private readonly notifications: NotificationStore) {}

  /** How many e-mails were queued. */
  async project(events: ReadonlyArray<{ accountId: string; event: NotificationsInput }>): Promise<number> {
    let queued = 0;
    for (const { accountId, event } of events) {
      if (event.type === 'NotificationRecorded') {
        if (await this.notifications.record(event.data)) queued++;
      } else if (event.data.scope === 'account') {
        await this.notifications.erase(accountId);
      }
    }
    return queued;
  }
}
