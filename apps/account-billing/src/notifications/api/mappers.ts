import type { StoredNotification } from '../application/notification-store';
import type { NotificationPageResult } from '../list-notifications/handler';
import type { NotificationPage, NotificationResponse } from './dto';

/** Whitelisting mapper: every field a notification shows is named here (never its cause or its place in the list). */
export function toNotificationResponse(n: StoredNotification): NotificationResponse {
  return {
    notificationId: n.notificationId,
    kind: n.kind,
    subject: n.subject,
    body: n.body,
    createdAt: n.createdAt,
    email: {
      status: n.email.status,
      attempts: n.email.attempts,
      ...(n.email.sentAt !== undefined ? { sentAt: n.email.sentAt } : {}),
      ...(n.email.reason !== undefined ? { reason: n.email.reason } : {}),
    },
  };
}

export function toNotificationPage(page: NotificationPageResult): NotificationPage {
  return { items: page.items.map(toNotificationResponse), ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) };
}
