import type { EmailDeliveryUpdate, EmailStatus } from '../domain/email-delivery';
import type { NotificationCause, NotificationKind } from '../domain/notification.events';
import type { KnownAccount } from '../domain/notifier';

/** A notification as the read model keeps it. */
export interface NotificationRow {
  notificationId: string;
  accountId: string;
  kind: NotificationKind;
  subject: string;
  body: string;
  cause: NotificationCause;
  createdAt: string;
}

export interface EmailStanding {
  status: EmailStatus;
  attempts: number;
  sentAt?: string;
  /** Why it is SKIPPED or FAILED, or the last temporary refusal of a PENDING one (addresses masked). */
  reason?: string;
}

/** A notification with its e-mail, and its place in the account's list (newest first). */
export interface StoredNotification extends NotificationRow {
  email: EmailStanding;
  /** Orders an account's notifications as they were recorded: what a page cursor holds. */
  sequence: number;
}

/** An e-mail due now. */
export interface DueEmail {
  notificationId: string;
  accountId: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Notifications in account-billing's read-model file (`account-billing.db`), written inside the unit of work of the
 * pipeline that feeds them, with its checkpoint:
 * - the notifier's accounts (who is open for a price announcement; what a termination refunded);
 * - the notifications and the durable queue of their e-mails;
 * - the accounts erased (ADR 0017), whose notifications are deleted and never recorded again.
 */
export interface NotificationStore {
  /** What the notifier knows of these accounts (unknown ones absent). */
  knownAccounts(accountIds: readonly string[]): Promise<Map<string, KnownAccount>>;
  /** Every account the notifier knows (what a price announcement reads). */
  allKnownAccounts(): Promise<Map<string, KnownAccount>>;
  rememberAccounts(accounts: ReadonlyMap<string, KnownAccount>): Promise<void>;

  /**
   * Records a notification with its e-mail PENDING and due at once; false when it is already recorded (a
   * redelivery) or its account was erased.
   */
  record(notification: NotificationRow): Promise<boolean>;
  /** Newest first; `before`: the sequence of the last one of the previous page. */
  list(accountId: string, limit: number, before?: number): Promise<StoredNotification[]>;
  /** Deletes the account's notifications and their e-mails, and refuses any recorded for it later. */
  erase(accountId: string): Promise<number>;

  /** PENDING e-mails due at `now` (RFC 3339), oldest first. */
  dueEmails(now: string, limit: number): Promise<DueEmail[]>;
  /** Records an attempt's outcome; false (nothing changed) unless the e-mail is still PENDING — a SENT one stays SENT. */
  updateEmail(notificationId: string, update: EmailDeliveryUpdate): Promise<boolean>;
}
