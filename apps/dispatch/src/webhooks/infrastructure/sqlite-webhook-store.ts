import { DataKeyDestroyedError, type DataKeyRing } from '@sms/data-protection';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { DeliveryState, DeliveryStatus, DueDelivery, WebhookOutbox, WebhookSubscriptions } from '../application/webhook-store';
import type { WebhookSubscription } from '../domain/webhook';

/*
 * The webhooks' own file (dispatch-webhooks.db): accounts' webhooks and the outbox of deliveries, beside the inbox its
 * consumer claims events in. Nothing personal in clear: a delivery's body (the CloudEvent: a number, a reply's text)
 * is sealed with the account's key of the epoch it was queued in and dropped once the delivery settles; the secret
 * with the account's lifetime key. Pending rows are found by a partial index on their due time, so settled rows cost
 * the sender nothing.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS webhooks (account_id TEXT PRIMARY KEY, url TEXT NOT NULL, secret TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  event_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, event_type TEXT NOT NULL, body TEXT,
  state TEXT NOT NULL, attempts INTEGER NOT NULL, queued_at INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL,
  last_error TEXT, settled_at INTEGER
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (account_id, next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX IF NOT EXISTS webhook_deliveries_next ON webhook_deliveries (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX IF NOT EXISTS webhook_deliveries_settled ON webhook_deliveries (settled_at) WHERE state <> 'PENDING';
CREATE INDEX IF NOT EXISTS webhook_deliveries_by_account ON webhook_deliveries (account_id, queued_at);
`;

/** A stored error is for an operator reading the row: short, and never a body. */
const ERROR_MAX = 200;

interface DeliveryRow {
  event_id: string;
  account_id: string;
  event_type: string;
  body: string | null;
  state: DeliveryState;
  attempts: number;
  queued_at: number;
  next_attempt_at: number;
  last_error: string | null;
  settled_at: number | null;
}

/** Accounts whose answer `has` keeps; past it the memory starts over. */
const KNOWN_MAX = 100_000;

export class SqliteWebhookStore implements WebhookSubscriptions, WebhookOutbox {
  private readonly stmts: Record<string, StatementSync>;
  /** Whether an account has a webhook, as last read (accounts are few next to receipts). */
  private readonly known = new Map<string, boolean>();

  constructor(
    private readonly db: DatabaseSync,
    private readonly ring: DataKeyRing,
  ) {
    db.exec(SCHEMA);
    const settle = (state: DeliveryState) =>
      db.prepare(
        `UPDATE webhook_deliveries SET state = '${state}', body = NULL, attempts = COALESCE(?, attempts), settled_at = ?, last_error = ? WHERE event_id = ? AND state = 'PENDING'`,
      );
    this.stmts = {
      save: db.prepare(
        'INSERT INTO webhooks (account_id, url, secret, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, updated_at = excluded.updated_at',
      ),
      find: db.prepare('SELECT account_id, url, secret, updated_at FROM webhooks WHERE account_id = ?'),
      has: db.prepare('SELECT 1 FROM webhooks WHERE account_id = ?'),
      remove: db.prepare('DELETE FROM webhooks WHERE account_id = ?'),
      accounts: db.prepare('SELECT account_id FROM webhooks ORDER BY account_id'),
      enqueue: db.prepare(
        `INSERT OR IGNORE INTO webhook_deliveries (event_id, account_id, event_type, body, state, attempts, queued_at, next_attempt_at)
         VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)`,
      ),
      due: db.prepare(
        `SELECT event_id, account_id, event_type, body, attempts, queued_at FROM webhook_deliveries INDEXED BY webhook_deliveries_due
         WHERE account_id = ? AND state = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`,
      ),
      nextDue: db.prepare(`SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE state = 'PENDING'`),
      delivered: settle('DELIVERED'),
      dead: settle('DEAD'),
      drop: settle('DROPPED'),
      retry: db.prepare(`UPDATE webhook_deliveries SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE event_id = ? AND state = 'PENDING'`),
      dropPending: db.prepare(
        `UPDATE webhook_deliveries SET state = 'DROPPED', body = NULL, settled_at = ?, last_error = 'webhook removed' WHERE account_id = ? AND state = 'PENDING'`,
      ),
      status: db.prepare('SELECT * FROM webhook_deliveries WHERE event_id = ?'),
      prune: db.prepare(
        `DELETE FROM webhook_deliveries WHERE event_id IN (SELECT event_id FROM webhook_deliveries WHERE state <> 'PENDING' AND settled_at < ? ORDER BY settled_at LIMIT ?)`,
      ),
      purge: db.prepare(`DELETE FROM webhook_deliveries WHERE event_id IN (SELECT event_id FROM webhook_deliveries WHERE account_id = ? AND queued_at < ? LIMIT ?)`),
    };
  }

  async save(subscription: WebhookSubscription): Promise<void> {
    this.known.delete(subscription.accountId);
    const sealed = this.ring.seal(subscription.accountId, subscription.secret, { lifetime: true });
    this.stmts.save.run(subscription.accountId, subscription.url, sealed, subscription.updatedAt);
  }

  async find(accountId: string): Promise<WebhookSubscription | undefined> {
    const row = this.stmts.find.get(accountId) as { account_id: string; url: string; secret: string; updated_at: string } | undefined;
    if (!row) return undefined;
    const secret = this.ring.open(accountId, row.secret);
    return secret === undefined ? undefined : { accountId, url: row.url, secret, updatedAt: row.updated_at };
  }

  async has(accountId: string): Promise<boolean> {
    // Asked for every receipt of every account: answered from memory after the first time. Writes here forget the
    // answer rather than set it, so a unit of work rolled back leaves nothing wrong behind.
    let known = this.known.get(accountId);
    if (known === undefined) {
      known = this.stmts.has.get(accountId) !== undefined;
      if (this.known.size >= KNOWN_MAX) this.known.clear();
      this.known.set(accountId, known);
    }
    return known;
  }

  async remove(accountId: string): Promise<boolean> {
    this.known.delete(accountId);
    return Number(this.stmts.remove.run(accountId).changes) > 0;
  }

  async accounts(): Promise<string[]> {
    return (this.stmts.accounts.all() as Array<{ account_id: string }>).map((r) => r.account_id);
  }

  async enqueue(delivery: { eventId: string; accountId: string; eventType: string; body: string; queuedAt: number }): Promise<boolean> {
    let sealed: string;
    try {
      sealed = this.ring.seal(delivery.accountId, delivery.body);
    } catch (error) {
      // The account was erased: there is no one left to tell.
      if (error instanceof DataKeyDestroyedError) return false;
      throw error;
    }
    const { changes } = this.stmts.enqueue.run(delivery.eventId, delivery.accountId, delivery.eventType, sealed, delivery.queuedAt, delivery.queuedAt);
    return Number(changes) === 1;
  }

  async due(accountId: string, now: number, limit: number, excluding: ReadonlySet<string>): Promise<DueDelivery[]> {
    if (limit <= 0) return [];
    // In flight ones are still PENDING: ask for enough rows to skip them.
    const rows = this.stmts.due.all(accountId, now, limit + excluding.size) as unknown as DeliveryRow[];
    return rows
      .filter((row) => !excluding.has(row.event_id))
      .slice(0, limit)
      .map((row) => ({
        eventId: row.event_id,
        accountId: row.account_id,
        eventType: row.event_type,
        body: row.body === null ? undefined : this.ring.open(row.account_id, row.body),
        attempts: row.attempts,
        queuedAt: row.queued_at,
      }));
  }

  async nextDueAt(): Promise<number | undefined> {
    const row = this.stmts.nextDue.get() as { at: number | null };
    return row.at ?? undefined;
  }

  async delivered(eventId: string, attempts: number, at: number): Promise<void> {
    this.stmts.delivered.run(attempts, at, null, eventId);
  }

  async retryAt(eventId: string, attempts: number, nextAttemptAt: number, error: string): Promise<void> {
    this.stmts.retry.run(attempts, nextAttemptAt, error.slice(0, ERROR_MAX), eventId);
  }

  async dead(eventId: string, attempts: number, at: number, error: string): Promise<void> {
    this.stmts.dead.run(attempts, at, error.slice(0, ERROR_MAX), eventId);
  }

  async drop(eventId: string, at: number, reason: string): Promise<void> {
    this.stmts.drop.run(null, at, reason.slice(0, ERROR_MAX), eventId);
  }

  async dropPending(accountId: string, at: number): Promise<number> {
    return Number(this.stmts.dropPending.run(at, accountId).changes);
  }

  async status(eventId: string): Promise<DeliveryStatus | undefined> {
    const row = this.stmts.status.get(eventId) as DeliveryRow | undefined;
    if (!row) return undefined;
    return {
      eventId: row.event_id,
      accountId: row.account_id,
      eventType: row.event_type,
      state: row.state,
      attempts: row.attempts,
      queuedAt: row.queued_at,
      nextAttemptAt: row.next_attempt_at,
      ...(row.last_error !== null ? { lastError: row.last_error } : {}),
      ...(row.settled_at !== null ? { settledAt: row.settled_at } : {}),
    };
  }

  async prune(before: number, limit: number): Promise<number> {
    return Number(this.stmts.prune.run(before, limit).changes);
  }

  async purge(accountId: string, before: number | undefined, limit: number): Promise<number> {
    return Number(this.stmts.purge.run(accountId, before ?? Number.MAX_SAFE_INTEGER, limit).changes);
  }
}
