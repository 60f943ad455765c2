import { eventCodec, jsonEventType, type ServiceEventCodec } from '@sms/use-case-kit/core';
import { NOTIFICATION_EVENT_TYPES, type NotificationRecorded } from './domain/notification.events';

/**
 * The codec of the `notifications-<accountId>` streams. Stored as they are: a notification holds what its cause holds
 * in clear (amounts, times, statuses, staff's reasons — none of it sealed there either) and never the address it is
 * mailed to, so it has no personal field to seal (ADR 0025).
 */
export const notificationCodec: ServiceEventCodec<NotificationRecorded> = eventCodec<NotificationRecorded>({
  typeOf: (event) => event.type,
  types: [jsonEventType<NotificationRecorded>('NotificationRecorded', NOTIFICATION_EVENT_TYPES.NotificationRecorded)],
});
