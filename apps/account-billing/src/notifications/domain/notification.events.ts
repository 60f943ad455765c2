/**
 * What a customer is told (issue 8: low balance §7.2, status changes §7, price changes §2.3), one stream per account:
 * `notifications-<accountId>`. The body is composed only of what its cause already holds in clear (amounts, times,
 * statuses, the staff's reason); the contact e-mail is never written here — it is read from the account (sealed,
 * ADR 0016) when the e-mail goes out.
 */

export const NOTIFICATION_STREAM_PREFIX = 'notifications-';
export const notificationStream = (accountId: string): string => `${NOTIFICATION_STREAM_PREFIX}${accountId}`;

/** Stable type strings written to the store; a new shape gets a new `.vN` and an upcaster. */
export const NOTIFICATION_EVENT_TYPES = { NotificationRecorded: 'account-billing.NotificationRecorded.v1' } as const;

export const NOTIFICATION_KINDS = ['LOW_BALANCE', 'ACCOUNT_STATUS', 'PRICE_CHANGE'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The event a notification was made for: its id in the store and its domain type (`LowBalanceCrossed`, …). */
export interface NotificationCause {
  eventId: string;
  type: string;
}

export interface NotificationRecorded {
  type: 'NotificationRecorded';
  data: {
    /** Derived from the cause's event id and the account: the same cause never makes a second notification. */
    notificationId: string;
    accountId: string;
    kind: NotificationKind;
    subject: string;
    body: string;
    cause: NotificationCause;
    /** The cause's own time (crossedAt, frozenAt, publishedAt, …), so a redelivery writes the same event. */
    createdAt: string;
  };
}
