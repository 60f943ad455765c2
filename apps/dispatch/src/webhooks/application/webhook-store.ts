import type { WebhookSubscription } from '../domain/webhook';

/**
 * Accounts' webhooks (port; SQLite adapter in infrastructure/). The secret goes in and comes out in clear; the
 * adapter keeps it sealed with the account's lifetime key (ADR 0016), so an erased account's secret is gone with its
 * key. Writes run inside the caller's unit of work.
 */
export interface WebhookSubscriptions {
  /** Sets (or replaces) the account's webhook. */
  save(subscription: WebhookSubscription): Promise<void>;
  /** The account's webhook; undefined when it has none or its key was destroyed. */
  find(accountId: string): Promise<WebhookSubscription | undefined>;
  /** Whether the account has a webhook (no secret opened: asked for every receipt the platform publishes). */
  has(accountId: string): Promise<boolean>;
  /** Removes the account's webhook; false when it had none. */
  remove(accountId: string): Promise<boolean>;
  /** Every account with a webhook (the sender visits each in turn). */
  accounts(): Promise<string[]>;
}

export type DeliveryState = 'PENDING' | 'DELIVERED' | 'DEAD' | 'DROPPED';

/** A delivery to make: the exact body to send, sealed at rest and opened for the attempt. */
export interface DueDelivery {
  eventId: string;
  accountId: string;
  eventType: string;
  /** undefined when the account's key for it was destroyed (erasure): nothing left to send. */
  body: string | undefined;
  attempts: number;
  queuedAt: number;
}

/** Where a delivery stands (what an operator or a test asks about one event). */
export interface DeliveryStatus {
  eventId: string;
  accountId: string;
  eventType: string;
  state: DeliveryState;
  attempts: number;
  queuedAt: number;
  nextAttemptAt: number;
  lastError?: string;
  settledAt?: number;
}

/**
 * The durable outbox of webhook deliveries (port). One row per event id — its primary key — so an event queued twice
 * is queued once. A delivery is PENDING until it is DELIVERED (2xx), DEAD (retries exhausted) or DROPPED (the webhook
 * was removed, or the data erased); a settled row keeps no body. Times are ms since 1970 from the injected clock.
 */
export interface WebhookOutbox {
  /** Queues the delivery, due now; false when that event id was queued before. */
  enqueue(delivery: { eventId: string; accountId: string; eventType: string; body: string; queuedAt: number }): Promise<boolean>;
  /** The account's pending deliveries due at `now`, the longest-due first, at most `limit`, none of `excluding`. */
  due(accountId: string, now: number, limit: number, excluding: ReadonlySet<string>): Promise<DueDelivery[]>;
  /** The soonest time any pending delivery is due, or undefined when none is pending. */
  nextDueAt(): Promise<number | undefined>;
  delivered(eventId: string, attempts: number, at: number): Promise<void>;
  retryAt(eventId: string, attempts: number, nextAttemptAt: number, error: string): Promise<void>;
  dead(eventId: string, attempts: number, at: number, error: string): Promise<void>;
  /** Settles the delivery without sending it (its body could not be opened). */
  drop(eventId: string, at: number, reason: string): Promise<void>;
  /** Settles every pending delivery of the account without sending it (its webhook was removed); how many. */
  dropPending(accountId: string, at: number): Promise<number>;
  status(eventId: string): Promise<DeliveryStatus | undefined>;
  /** Deletes settled rows settled before `before`, at most `limit`; how many (their ids stay claimed in the inbox). */
  prune(before: number, limit: number): Promise<number>;
  /**
   * Erasure (ADR 0017): deletes the account's deliveries queued before `before` — all of them when undefined — at most
   * `limit` a call; how many.
   */
  purge(accountId: string, before: number | undefined, limit: number): Promise<number>;
}
