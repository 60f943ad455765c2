import type { WebhookTarget } from '../domain/webhook';

/** The addresses a target resolved to, each checked; the request connects to these and to no other. */
export interface CheckedTarget {
  target: WebhookTarget;
  addresses: Array<{ address: string; family: 4 | 6 }>;
}

/**
 * The SSRF guard (port; DNS adapter in infrastructure/): resolves a webhook's host once and checks every address it
 * resolved to (`classifyAddress`). Throws DomainError WEBHOOK_TARGET_FORBIDDEN when one is not public (unless private
 * targets are allowed), WEBHOOK_TARGET_UNRESOLVABLE when the name does not resolve.
 */
export interface TargetGuard {
  check(url: string): Promise<CheckedTarget>;
}

export interface WebhookRequest {
  target: CheckedTarget;
  body: string;
  headers: Record<string, string>;
  /** Aborts the attempt (shutdown): the request is torn down and the post rejects. */
  signal?: AbortSignal;
}

/** The answer of the customer's endpoint: any status counts as an answer, only 2xx as delivered. */
export interface WebhookResponse {
  status: number;
}

/**
 * POSTs a webhook (port; node:http(s) adapter in infrastructure/) to the checked addresses only — never a second
 * resolution of the name — following no redirect, within its timeout. Rejects on a network error or timeout.
 */
export interface WebhookPoster {
  post(request: WebhookRequest): Promise<WebhookResponse>;
}

/** Told when a delivery was queued, so the sender starts it now rather than on its next round. */
export interface DeliverySignal {
  queued(accountId: string): void;
}

export type DeliveryOutcome = 'delivered' | 'retried' | 'dead' | 'dropped';

/** Counts what became of each attempt (port; OpenTelemetry counter in infrastructure/). */
export interface DeliveryMetrics {
  record(outcome: DeliveryOutcome, eventType: string): void;
}

export const noMetrics: DeliveryMetrics = { record: () => undefined };

/**
 * The feed of public events webhooks are built from (port; the bus consumer in api/). It is joined only once an
 * account has a webhook: a platform where none has one does not read back every receipt it publishes.
 */
export interface WebhookFeed {
  /** Resolves once the feed is joined (at once if it already is). */
  listen(): Promise<void>;
}
