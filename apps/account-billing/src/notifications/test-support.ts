import type { EventStore } from '@sms/event-store';
import type { ReadModelDatabase } from '@sms/use-case-kit';
import { accountBillingCodec } from '../account-billing.codec';
import { type Mail, type Mailer, MailRefusedError } from './application/mailer';
import type { DueEmail, NotificationRow, NotificationStore, StoredNotification } from './application/notification-store';
import type { EmailDeliveryUpdate } from './domain/email-delivery';
import type { KnownAccount } from './domain/notifier';
import type { CommittedEvent } from './record-notifications/handler';

/*
 * In-memory adapters for the notification handler specs (unit level: no SQLite). They pass the same contract suite as
 * the SQLite adapter (test-support.spec.ts), so a spec that passes on them says something about production.
 */

type EmailState = StoredNotification['email'] & { nextAttemptAt: string };

interface State {
  accounts: Map<string, KnownAccount>;
  notifications: Map<string, Omit<StoredNotification, 'email'>>;
  emails: Map<string, EmailState>;
  erased: Set<string>;
  sequence: number;
}

const copy = (state: State): State => ({
  accounts: new Map(state.accounts),
  notifications: new Map(state.notifications),
  emails: new Map([...state.emails].map(([id, email]) => [id, { ...email }])),
  erased: new Set(state.erased),
  sequence: state.sequence,
});

/** The store and its unit of work in memory: a unit that fails leaves the state as it found it. */
export class InMemoryNotificationStore implements NotificationStore {
  private state: State = { accounts: new Map(), notifications: new Map(), emails: new Map(), erased: new Set(), sequence: 0 };
  private readonly checkpoints = new Map<string, bigint>();
  private inside = false;
  private tail: Promise<unknown> = Promise.resolve();

  readonly db: ReadModelDatabase = {
    transaction: <T>(work: () => Promise<T>): Promise<T> => {
      if (this.inside) return work();
      const run = this.tail.then(async () => {
        const before = copy(this.state);
        const checkpoints = new Map(this.checkpoints);
        this.inside = true;
        try {
          return await work();
        } catch (error) {
          this.state = before;
          this.checkpoints.clear();
          for (const [name, position] of checkpoints) this.checkpoints.set(name, position);
          throw error;
        } finally {
          this.inside = false;
        }
      });
      this.tail = run.catch(() => undefined);
      return run;
    },
    claim: async () => true,
    load: async (name) => this.checkpoints.get(name),
    save: async (name, position) => void this.checkpoints.set(name, position),
  };

  async knownAccounts(accountIds: readonly string[]): Promise<Map<string, KnownAccount>> {
    const known = new Map<string, KnownAccount>();
    for (const id of accountIds) {
      const account = this.state.accounts.get(id);
      if (account) known.set(id, { ...account });
    }
    return known;
  }

  async allKnownAccounts(): Promise<Map<string, KnownAccount>> {
    return new Map([...this.state.accounts].map(([id, account]) => [id, { ...account }]));
  }

  async rememberAccounts(accounts: ReadonlyMap<string, KnownAccount>): Promise<void> {
    for (const [id, account] of accounts) this.state.accounts.set(id, { ...account });
  }

  async record(n: NotificationRow): Promise<boolean> {
    if (this.state.erased.has(n.accountId) || this.state.notifications.has(n.notificationId)) return false;
    this.state.notifications.set(n.notificationId, { ...n, sequence: ++this.state.sequence });
    this.state.emails.set(n.notificationId, { status: 'PENDING', attempts: 0, nextAttemptAt: '' });
    return true;
  }

  async list(accountId: string, limit: number, before?: number): Promise<StoredNotification[]> {
    return [...this.state.notifications.values()]
      .filter((n) => n.accountId === accountId && (before === undefined || n.sequence < before))
      .sort((a, b) => b.sequence - a.sequence)
      .slice(0, limit)
      .map((n) => {
        const { nextAttemptAt: _next, ...email } = this.state.emails.get(n.notificationId) as EmailState;
        return { ...n, email };
      });
  }

  async erase(accountId: string): Promise<number> {
    this.state.erased.add(accountId);
    let deleted = 0;
    for (const [id, n] of this.state.notifications) {
      if (n.accountId !== accountId) continue;
      this.state.notifications.delete(id);
      this.state.emails.delete(id);
      deleted++;
    }
    return deleted;
  }

  async dueEmails(now: string, limit: number): Promise<DueEmail[]> {
    return [...this.state.emails]
      .filter(([, email]) => email.status === 'PENDING' && email.nextAttemptAt <= now)
      .map(([id, email]) => ({ n: this.state.notifications.get(id) as StoredNotification, email }))
      .sort((a, b) => a.email.nextAttemptAt.localeCompare(b.email.nextAttemptAt) || a.n.sequence - b.n.sequence)
      .slice(0, limit)
      .map(({ n, email }) => ({ notificationId: n.notificationId, accountId: n.accountId, subject: n.subject, body: n.body, attempts: email.attempts }));
  }

  async updateEmail(notificationId: string, update: EmailDeliveryUpdate): Promise<boolean> {
    const email = this.state.emails.get(notificationId);
    if (!email || email.status !== 'PENDING') return false;
    this.state.emails.set(notificationId, {
      status: update.status,
      attempts: update.attempts,
      nextAttemptAt: update.status === 'PENDING' ? update.nextAttemptAt : '',
      ...(update.status === 'SENT' ? { sentAt: update.sentAt } : { reason: update.reason }),
    });
    return true;
  }
}

/** A mailer that keeps what it was given; `refuse` scripts the next answers (`true`: temporary, `false`: permanent). */
export class RecordingMailer implements Mailer {
  readonly sent: Mail[] = [];
  readonly refuse: boolean[] = [];

  constructor(readonly configured = true) {}

  async send(mail: Mail): Promise<void> {
    const temporary = this.refuse.shift();
    if (temporary !== undefined) throw new MailRefusedError(temporary ? `451 4.3.0 ${mail.to} try again later` : `550 5.1.1 <${mail.to}>: no such user`, temporary, temporary ? 451 : 550);
    this.sent.push(mail);
  }

  async close(): Promise<void> {
    // nothing to close
  }
}

/** Every event of these streams, decoded by the service codec, in commit order: what the notifier's subscription hands over. */
export async function committedEvents(store: EventStore, streams: readonly string[]): Promise<CommittedEvent[]> {
  const recorded = (await Promise.all(streams.map((stream) => store.readStream(stream)))).flat().sort((a, b) => (a.position < b.position ? -1 : 1));
  return recorded.flatMap((r) => {
    const event = accountBillingCodec.decode(r);
    return event ? [{ event, recorded: r }] : [];
  });
}
