import { Logger } from '@nestjs/common';
import type { Clock } from '@sms/service-kit';
import type { UnitOfWork } from '@sms/use-case-kit';
import type { DeliveryMetrics, TargetGuard, WebhookPoster } from '../application/delivery-ports';
import type { DueDelivery, WebhookOutbox, WebhookSubscriptions } from '../application/webhook-store';
import { afterFailure, type RetryPolicy } from '../domain/retry-schedule';
import { CLOUDEVENTS_JSON, EVENT_ID_HEADER, SIGNATURE_HEADER, signatureOf } from '../domain/signature';

/** Bounds on the attempts in flight: overall, and per account (one slow endpoint does not take every slot). */
export interface DeliveryLimits {
  maxInFlight: number;
  maxInFlightPerAccount: number;
}

export interface DeliverWebhooksDependencies {
  outbox: WebhookOutbox;
  subscriptions: WebhookSubscriptions;
  unitOfWork: UnitOfWork;
  guard: TargetGuard;
  poster: WebhookPoster;
  clock: Clock;
  policy: RetryPolicy;
  limits: DeliveryLimits;
  metrics: DeliveryMetrics;
  /** Jitter source, [0, 1). */
  random?: () => number;
}

/**
 * Makes due webhook deliveries (ADR 0019). Each attempt: the account's current webhook (removed → the delivery is
 * dropped), the SSRF guard on its URL again (a name may resolve elsewhere now), one POST of the queued bytes signed
 * with the current secret; 2xx is delivered, anything else — another status, a refused target, a network error, the
 * timeout — is retried on the schedule until the retry period is over, then dead (counted). The outcome of each
 * attempt is written before the next one of that delivery starts; in-flight attempts live only here, so after a
 * restart every PENDING row is simply due again (at least once: receivers deduplicate by X-Sms-Event-Id).
 *
 * No timers of its own: the sender (infrastructure) calls `start` on its rounds and when something was queued, and a
 * test calls `deliverDue` after moving the clock.
 */
export class DeliverWebhooksHandler {
  private readonly logger = new Logger('Webhooks');
  /** eventId → accountId of the attempts running now. */
  private readonly inFlight = new Map<string, string>();
  private readonly perAccount = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private readonly random: () => number;
  /** Where the next full round starts, so saturation does not always favour the same accounts. */
  private turn = 0;
  private readonly stopping = new AbortController();
  /** Called when an attempt of the account has settled (the sender starts the account's next due one). */
  onSettled?: (accountId: string) => void;

  constructor(private readonly deps: DeliverWebhooksDependencies) {
    this.random = deps.random ?? Math.random;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /**
   * Starts the due deliveries of `accounts` (every account with a webhook when omitted) that fit the limits; answers
   * how many it started. Does not wait for them (`settled` does).
   */
  async start(accounts?: string[]): Promise<number> {
    const { maxInFlight, maxInFlightPerAccount } = this.deps.limits;
    if (this.stopping.signal.aborted || this.inFlight.size >= maxInFlight) return 0;
    let order = accounts ?? (await this.deps.subscriptions.accounts());
    if (!accounts && order.length > 0) {
      const from = this.turn++ % order.length;
      order = [...order.slice(from), ...order.slice(0, from)];
    }
    const now = this.deps.clock.now().getTime();
    const excluding = new Set(this.inFlight.keys());
    let started = 0;
    for (const accountId of order) {
      const room = Math.min(maxInFlight - this.inFlight.size, maxInFlightPerAccount - (this.perAccount.get(accountId) ?? 0));
      if (maxInFlight - this.inFlight.size <= 0) break;
      if (room <= 0) continue;
      for (const delivery of await this.deps.outbox.due(accountId, now, room, excluding)) {
        // Another start may have launched attempts while this one read: the limits are checked again, synchronously.
        if (this.inFlight.size >= maxInFlight || (this.perAccount.get(accountId) ?? 0) >= maxInFlightPerAccount) break;
        if (this.inFlight.has(delivery.eventId)) continue;
        this.launch(delivery);
        excluding.add(delivery.eventId);
        started++;
      }
    }
    return started;
  }

  /** Resolves once every attempt started so far has settled (its outcome written). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /**
   * Starts nothing more and aborts the attempts in flight, whose outcomes are not written: their rows stay PENDING and
   * are due again after a restart.
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.settled();
  }

  /** One round over every account, waiting for its attempts: what a test calls after moving the clock. */
  async deliverDue(): Promise<number> {
    const started = await this.start();
    await this.settled();
    return started;
  }

  private launch(delivery: DueDelivery): void {
    this.inFlight.set(delivery.eventId, delivery.accountId);
    this.perAccount.set(delivery.accountId, (this.perAccount.get(delivery.accountId) ?? 0) + 1);
    const attempt = this.attempt(delivery)
      .catch((error: unknown) => {
        // Writing the outcome failed (the file is closing): the row is still PENDING and due again.
        this.logger.error(`webhook delivery ${delivery.eventId}: outcome not recorded: ${describe(error)}`);
      })
      .finally(() => {
        this.running.delete(attempt);
        this.inFlight.delete(delivery.eventId);
        const left = (this.perAccount.get(delivery.accountId) ?? 1) - 1;
        if (left > 0) this.perAccount.set(delivery.accountId, left);
        else this.perAccount.delete(delivery.accountId);
        this.onSettled?.(delivery.accountId);
      });
    this.running.add(attempt);
  }

  private async attempt(delivery: DueDelivery): Promise<void> {
    const { outbox, subscriptions, unitOfWork, clock, metrics } = this.deps;
    const stopped = this.stopping.signal;
    // Once stopping, nothing is written: the file may be closing, and the row is due again after the restart.
    const write = async (work: () => Promise<void>) => {
      if (!stopped.aborted) await unitOfWork.transaction(work);
    };
    const drop = async (reason: string) => {
      await write(() => outbox.drop(delivery.eventId, clock.now().getTime(), reason));
      metrics.record('dropped', delivery.eventType);
    };
    const body = delivery.body;
    // Sealed with a key destroyed since (erasure, retention): nothing left to send.
    if (body === undefined) return drop('data erased');
    const subscription = await subscriptions.find(delivery.accountId);
    if (!subscription) return drop('webhook removed');

    const attempts = delivery.attempts + 1;
    let failure: string | undefined;
    try {
      const target = await this.deps.guard.check(subscription.url);
      const response = await this.deps.poster.post({
        target,
        body,
        headers: {
          'content-type': `${CLOUDEVENTS_JSON}; charset=utf-8`,
          'user-agent': 'sms-platform-webhooks/1',
          [EVENT_ID_HEADER]: delivery.eventId,
          [SIGNATURE_HEADER]: signatureOf(subscription.secret, body),
        },
        signal: stopped,
      });
      if (response.status < 200 || response.status > 299) failure = `HTTP ${response.status}`;
    } catch (error) {
      failure = describe(error);
    }

    if (stopped.aborted) return;
    const now = clock.now().getTime();
    if (failure === undefined) {
      await write(() => outbox.delivered(delivery.eventId, attempts, now));
      metrics.record('delivered', delivery.eventType);
      return;
    }
    const next = afterFailure(this.deps.policy, { attempts, queuedAt: delivery.queuedAt }, now, this.random());
    if (next.kind === 'retry') {
      await write(() => outbox.retryAt(delivery.eventId, attempts, next.at, failure));
      metrics.record('retried', delivery.eventType);
      return;
    }
    await write(() => outbox.dead(delivery.eventId, attempts, now, failure));
    metrics.record('dead', delivery.eventType);
    // Ids and the reason only: the body holds a number and maybe a reply's text.
    this.logger.warn(`webhook delivery ${delivery.eventId} (${delivery.eventType}) of account ${delivery.accountId} is dead after ${attempts} attempts: ${failure}`);
  }
}

/** A failure as an operator reads it: the stable code of a refusal, else the error's own message (never a body). */
function describe(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && /^[A-Z_]+$/.test(code) ? `${code}: ${message}` : message;
}
