import type { CheckedTarget, DeliverySignal, TargetGuard, WebhookPoster, WebhookRequest, WebhookResponse } from './application/delivery-ports';
import type { DeliveryStatus, DueDelivery, WebhookOutbox, WebhookSubscriptions } from './application/webhook-store';
import type { WebhookSubscription } from './domain/webhook';
import { webhookTarget } from './domain/webhook';

/*
 * In-memory doubles for the webhooks' handler specs (unit level). The store passes the same contract suite as the
 * SQLite adapter (test-support.spec.ts).
 */

interface Row extends DeliveryStatus {
  body?: string;
}

export class InMemoryWebhookStore implements WebhookSubscriptions, WebhookOutbox {
  readonly webhooks = new Map<string, WebhookSubscription>();
  readonly rows = new Map<string, Row>();

  async save(subscription: WebhookSubscription): Promise<void> {
    this.webhooks.set(subscription.accountId, { ...subscription });
  }

  async find(accountId: string): Promise<WebhookSubscription | undefined> {
    const found = this.webhooks.get(accountId);
    return found && { ...found };
  }

  async has(accountId: string): Promise<boolean> {
    return this.webhooks.has(accountId);
  }

  async remove(accountId: string): Promise<boolean> {
    return this.webhooks.delete(accountId);
  }

  async accounts(): Promise<string[]> {
    return [...this.webhooks.keys()].sort();
  }

  async enqueue(d: { eventId: string; accountId: string; eventType: string; body: string; queuedAt: number }): Promise<boolean> {
    if (this.rows.has(d.eventId)) return false;
    this.rows.set(d.eventId, { eventId: d.eventId, accountId: d.accountId, eventType: d.eventType, body: d.body, state: 'PENDING', attempts: 0, queuedAt: d.queuedAt, nextAttemptAt: d.queuedAt });
    return true;
  }

  async due(accountId: string, now: number, limit: number, excluding: ReadonlySet<string>): Promise<DueDelivery[]> {
    return [...this.rows.values()]
      .filter((r) => r.accountId === accountId && r.state === 'PENDING' && r.nextAttemptAt <= now && !excluding.has(r.eventId))
      .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt)
      .slice(0, Math.max(limit, 0))
      .map((r) => ({ eventId: r.eventId, accountId: r.accountId, eventType: r.eventType, body: r.body, attempts: r.attempts, queuedAt: r.queuedAt }));
  }

  async nextDueAt(): Promise<number | undefined> {
    const pending = [...this.rows.values()].filter((r) => r.state === 'PENDING').map((r) => r.nextAttemptAt);
    return pending.length > 0 ? Math.min(...pending) : undefined;
  }

  async delivered(eventId: string, attempts: number, at: number): Promise<void> {
    this.settle(eventId, 'DELIVERED', at, attempts);
  }

  async retryAt(eventId: string, attempts: number, nextAttemptAt: number, error: string): Promise<void> {
    const row = this.rows.get(eventId);
    if (row?.state === 'PENDING') Object.assign(row, { attempts, nextAttemptAt, lastError: error });
  }

  async dead(eventId: string, attempts: number, at: number, error: string): Promise<void> {
    this.settle(eventId, 'DEAD', at, attempts, error);
  }

  async drop(eventId: string, at: number, reason: string): Promise<void> {
    this.settle(eventId, 'DROPPED', at, undefined, reason);
  }

  async dropPending(accountId: string, at: number): Promise<number> {
    const pending = [...this.rows.values()].filter((r) => r.accountId === accountId && r.state === 'PENDING');
    for (const row of pending) this.settle(row.eventId, 'DROPPED', at, undefined, 'webhook removed');
    return pending.length;
  }

  async status(eventId: string): Promise<DeliveryStatus | undefined> {
    const row = this.rows.get(eventId);
    if (!row) return undefined;
    const { body: _body, ...status } = row;
    return status;
  }

  async prune(before: number, limit: number): Promise<number> {
    const due = [...this.rows.values()].filter((r) => r.state !== 'PENDING' && (r.settledAt ?? 0) < before).slice(0, limit);
    for (const row of due) this.rows.delete(row.eventId);
    return due.length;
  }

  async purge(accountId: string, before: number | undefined, limit: number): Promise<number> {
    const due = [...this.rows.values()].filter((r) => r.accountId === accountId && (before === undefined || r.queuedAt < before)).slice(0, limit);
    for (const row of due) this.rows.delete(row.eventId);
    return due.length;
  }

  private settle(eventId: string, state: DeliveryStatus['state'], at: number, attempts?: number, error?: string): void {
    const row = this.rows.get(eventId);
    if (row?.state !== 'PENDING') return;
    Object.assign(row, { state, settledAt: at, body: undefined, ...(attempts !== undefined ? { attempts } : {}), ...(error !== undefined ? { lastError: error } : { lastError: undefined }) });
    if (row.lastError === undefined) delete row.lastError;
  }
}

/** A guard for unit specs: every name "resolves" to the address it is given in `resolves`; refuses what `refuse` says. */
export class StaticTargetGuard implements TargetGuard {
  readonly checked: string[] = [];
  constructor(private readonly refuse: (url: string) => Error | undefined = () => undefined) {}

  async check(url: string): Promise<CheckedTarget> {
    this.checked.push(url);
    const refusal = this.refuse(url);
    if (refusal) throw refusal;
    return { target: webhookTarget(url), addresses: [{ address: '203.0.113.10', family: 4 }] };
  }
}

/** A poster for unit specs: answers with the statuses it is given, in turn (an Error rejects, as a timeout would). */
export class ScriptedPoster implements WebhookPoster {
  readonly requests: WebhookRequest[] = [];
  constructor(private readonly answers: Array<number | Error>) {}

  async post(request: WebhookRequest): Promise<WebhookResponse> {
    this.requests.push(request);
    const answer = this.answers.length > 1 ? this.answers.shift() : this.answers[0];
    if (answer instanceof Error) throw answer;
    return { status: answer ?? 200 };
  }
}

export class RecordingSignal implements DeliverySignal {
  readonly accounts: string[] = [];
  queued(accountId: string): void {
    this.accounts.push(accountId);
  }
}

