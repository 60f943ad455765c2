import type { AccountStatus } from '@sms/contracts';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { DueEmail, NotificationRow, NotificationStore, StoredNotification } from '../application/notification-store';
import type { EmailDeliveryUpdate, EmailStatus } from '../domain/email-delivery';
import type { NotificationKind } from '../domain/notification.events';
import type { KnownAccount } from '../domain/notifier';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS notification_accounts (
  account_id TEXT PRIMARY KEY, status TEXT NOT NULL, erased INTEGER NOT NULL DEFAULT 0, refunded_minor TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS notifications (
  sequence INTEGER PRIMARY KEY AUTOINCREMENT, notification_id TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL, kind TEXT NOT NULL,
  subject TEXT NOT NULL, body TEXT NOT NULL, cause_event_id TEXT NOT NULL, cause_type TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS notifications_by_account ON notifications (account_id, sequence);
CREATE TABLE IF NOT EXISTS notification_emails (
  notification_id TEXT PRIMARY KEY, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL DEFAULT '', sent_at TEXT, reason TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS notification_emails_due ON notification_emails (next_attempt_at) WHERE status = 'PENDING';
CREATE TABLE IF NOT EXISTS notification_erasures (account_id TEXT PRIMARY KEY) WITHOUT ROWID;
`;

interface AccountRow {
  account_id: string;
  status: string;
  erased: number;
  refunded_minor: string | null;
}

interface ListedRow {
  sequence: number;
  notification_id: string;
  account_id: string;
  kind: string;
  subject: string;
  body: string;
  cause_event_id: string;
  cause_type: string;
  created_at: string;
  status: string;
  attempts: number;
  sent_at: string | null;
  reason: string | null;
}

type Statement = 'account' | 'allAccounts' | 'putAccount' | 'erased' | 'insert' | 'insertEmail' | 'page' | 'pageBefore' | 'due' | 'update' | 'markErased' | 'deleteEmails' | 'deleteNotifications';

/**
 * The notification store in account-billing's own file (`account-billing.db`), on the connection of its read-model
 * database, so each pipeline's rows commit with its checkpoint. An account's list is read by (account_id, sequence);
 * due e-mails by a partial index on the PENDING ones only, so SENT history costs the queue nothing.
 */
export class SqliteNotificationStore implements NotificationStore {
  private readonly stmt: Record<Statement, StatementSync>;

  constructor(db: DatabaseSync) {
    db.exec(SCHEMA);
    const listed =
      'SELECT n.sequence, n.notification_id, n.account_id, n.kind, n.subject, n.body, n.cause_event_id, n.cause_type, n.created_at, e.status, e.attempts, e.sent_at, e.reason ' +
      'FROM notifications n JOIN notification_emails e ON e.notification_id = n.notification_id';
    this.stmt = {
      account: db.prepare('SELECT account_id, status, erased, refunded_minor FROM notification_accounts WHERE account_id = ?'),
      allAccounts: db.prepare('SELECT account_id, status, erased, refunded_minor FROM notification_accounts'),
      putAccount: db.prepare(
        'INSERT INTO notification_accounts (account_id, status, erased, refunded_minor) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (account_id) DO UPDATE SET status = excluded.status, erased = excluded.erased, refunded_minor = excluded.refunded_minor',
      ),
      erased: db.prepare('SELECT 1 FROM notification_erasures WHERE account_id = ?'),
      insert: db.prepare(
        'INSERT OR IGNORE INTO notifications (notification_id, account_id, kind, subject, body, cause_event_id, cause_type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertEmail: db.prepare("INSERT OR IGNORE INTO notification_emails (notification_id, status) VALUES (?, 'PENDING')"),
      page: db.prepare(`${listed} WHERE n.account_id = ? ORDER BY n.sequence DESC LIMIT ?`),
      pageBefore: db.prepare(`${listed} WHERE n.account_id = ? AND n.sequence < ? ORDER BY n.sequence DESC LIMIT ?`),
      due: db.prepare(
        'SELECT e.notification_id, n.account_id, n.subject, n.body, e.attempts FROM notification_emails e JOIN notifications n ON n.notification_id = e.notification_id ' +
          "WHERE e.status = 'PENDING' AND e.next_attempt_at <= ? ORDER BY e.next_attempt_at, n.sequence LIMIT ?",
      ),
      update: db.prepare(
        "UPDATE notification_emails SET status = ?, attempts = ?, next_attempt_at = ?, sent_at = ?, reason = ? WHERE notification_id = ? AND status = 'PENDING'",
      ),
      markErased: db.prepare('INSERT OR IGNORE INTO notification_erasures (account_id) VALUES (?)'),
      deleteEmails: db.prepare('DELETE FROM notification_emails WHERE notification_id IN (SELECT notification_id FROM notifications WHERE account_id = ?)'),
      deleteNotifications: db.prepare('DELETE FROM notifications WHERE account_id = ?'),
    };
  }

  async knownAccounts(accountIds: readonly string[]): Promise<Map<string, KnownAccount>> {
    const known = new Map<string, KnownAccount>();
    for (const accountId of new Set(accountIds)) {
      const row = this.stmt.account.get(accountId) as AccountRow | undefined;
      if (row) known.set(accountId, toKnown(row));
    }
    return known;
  }

  async allKnownAccounts(): Promise<Map<string, KnownAccount>> {
    return new Map((this.stmt.allAccounts.all() as unknown as AccountRow[]).map((row) => [row.account_id, toKnown(row)]));
  }

  async rememberAccounts(accounts: ReadonlyMap<string, KnownAccount>): Promise<void> {
    for (const [accountId, account] of accounts) {
      this.stmt.putAccount.run(accountId, account.status, account.erased ? 1 : 0, account.refundedMinor?.toString() ?? null);
    }
  }

  async record(n: NotificationRow): Promise<boolean> {
    if (this.stmt.erased.get(n.accountId)) return false;
    const inserted = Number(this.stmt.insert.run(n.notificationId, n.accountId, n.kind, n.subject, n.body, n.cause.eventId, n.cause.type, n.createdAt).changes) === 1;
    if (inserted) this.stmt.insertEmail.run(n.notificationId);
    return inserted;
  }

  async list(accountId: string, limit: number, before?: number): Promise<StoredNotification[]> {
    const rows = (before === undefined ? this.stmt.page.all(accountId, limit) : this.stmt.pageBefore.all(accountId, before, limit)) as unknown as ListedRow[];
    return rows.map((row) => ({
      notificationId: row.notification_id,
      accountId: row.account_id,
      kind: row.kind as NotificationKind,
      subject: row.subject,
      body: row.body,
      cause: { eventId: row.cause_event_id, type: row.cause_type },
      createdAt: row.created_at,
      sequence: row.sequence,
      email: {
        status: row.status as EmailStatus,
        attempts: row.attempts,
        ...(row.sent_at !== null ? { sentAt: row.sent_at } : {}),
        ...(row.reason !== null ? { reason: row.reason } : {}),
      },
    }));
  }

  async erase(accountId: string): Promise<number> {
    this.stmt.markErased.run(accountId);
    this.stmt.deleteEmails.run(accountId);
    return Number(this.stmt.deleteNotifications.run(accountId).changes);
  }

  async dueEmails(now: string, limit: number): Promise<DueEmail[]> {
    return (this.stmt.due.all(now, limit) as Array<{ notification_id: string; account_id: string; subject: string; body: string; attempts: number }>).map((row) => ({
      notificationId: row.notification_id,
      accountId: row.account_id,
      subject: row.subject,
      body: row.body,
      attempts: row.attempts,
    }));
  }

  async updateEmail(notificationId: string, update: EmailDeliveryUpdate): Promise<boolean> {
    const nextAttemptAt = update.status === 'PENDING' ? update.nextAttemptAt : '';
    const sentAt = update.status === 'SENT' ? update.sentAt : null;
    const reason = update.status === 'SENT' ? null : update.reason;
    return Number(this.stmt.update.run(update.status, update.attempts, nextAttemptAt, sentAt, reason, notificationId).changes) === 1;
  }
}

function toKnown(row: AccountRow): KnownAccount {
  return { status: row.status as AccountStatus, erased: row.erased === 1, ...(row.refunded_minor !== null ? { refundedMinor: BigInt(row.refunded_minor) } : {}) };
}
