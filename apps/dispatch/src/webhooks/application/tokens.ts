/** Injection tokens of the webhooks context. */

/** `ReadModelDatabase` (unit of work, inbox) of the webhooks' own file. */
export const WEBHOOK_DATABASE = Symbol('WEBHOOK_DATABASE');
/** `WebhookSubscriptions` */
export const WEBHOOK_SUBSCRIPTIONS = Symbol('WEBHOOK_SUBSCRIPTIONS');
/** `WebhookOutbox` */
export const WEBHOOK_OUTBOX = Symbol('WEBHOOK_OUTBOX');
/** `TargetGuard` */
export const TARGET_GUARD = Symbol('TARGET_GUARD');
/** `WebhookPoster` */
export const WEBHOOK_POSTER = Symbol('WEBHOOK_POSTER');
/** `DeliverySignal`: wakes the sender when a delivery is queued. */
export const DELIVERY_SIGNAL = Symbol('DELIVERY_SIGNAL');
/** `WebhookFeed`: joins the public topics once a webhook exists. */
export const WEBHOOK_FEED = Symbol('WEBHOOK_FEED');
