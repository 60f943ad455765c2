import type { Provider } from '@nestjs/common';
import { DATA_KEY_RING, type DataKeyRing } from '@sms/data-protection';
import { CLOCK, type Clock, sqliteFile } from '@sms/service-kit';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import type { DatabaseSync } from 'node:sqlite';
import { DispatchConfig } from '../../dispatch.config';
import type { TargetGuard, WebhookPoster } from '../application/delivery-ports';
import { DELIVERY_SIGNAL, TARGET_GUARD, WEBHOOK_DATABASE, WEBHOOK_OUTBOX, WEBHOOK_POSTER, WEBHOOK_SUBSCRIPTIONS } from '../application/tokens';
import { DeliverWebhooksHandler } from '../deliver-webhooks/handler';
import { retryPolicy } from '../domain/retry-schedule';
import { DnsTargetGuard } from './dns-target-guard';
import { HttpWebhookPoster } from './http-webhook-poster';
import { SqliteWebhookStore } from './sqlite-webhook-store';
import { OtelDeliveryMetrics } from './webhook-metrics';
import { WebhookSender } from './webhook-sender';

/** Attempts in flight at once, and per account. */
export const WEBHOOK_LIMITS = { maxInFlight: 32, maxInFlightPerAccount: 4 };

const WEBHOOK_SQLITE = Symbol('WEBHOOK_SQLITE');

interface WebhookSqlite {
  db: DatabaseSync;
  readModels: SqliteReadModelDatabase;
  store: SqliteWebhookStore;
}

/**
 * The webhooks' adapters: their own SQLite file (dispatch-webhooks.db: webhooks, the delivery outbox, its inbox), the
 * DNS-pinning SSRF guard, the node:http poster, and the sender loop.
 */
export const WEBHOOK_INFRASTRUCTURE: Provider[] = [
  ...sqliteFile(
    WEBHOOK_SQLITE,
    'dispatch-webhooks.db',
    (db: DatabaseSync, ring: DataKeyRing): WebhookSqlite => ({ db, readModels: new SqliteReadModelDatabase(db), store: new SqliteWebhookStore(db, ring) }),
    [DATA_KEY_RING],
  ),
  { provide: WEBHOOK_DATABASE, inject: [WEBHOOK_SQLITE], useFactory: (sqlite: WebhookSqlite) => sqlite.readModels },
  { provide: WEBHOOK_SUBSCRIPTIONS, inject: [WEBHOOK_SQLITE], useFactory: (sqlite: WebhookSqlite) => sqlite.store },
  { provide: WEBHOOK_OUTBOX, inject: [WEBHOOK_SQLITE], useFactory: (sqlite: WebhookSqlite) => sqlite.store },
  { provide: TARGET_GUARD, inject: [DispatchConfig], useFactory: (config: DispatchConfig) => new DnsTargetGuard({ allowPrivate: config.WEBHOOK_ALLOW_PRIVATE }) },
  { provide: WEBHOOK_POSTER, inject: [DispatchConfig], useFactory: (config: DispatchConfig) => new HttpWebhookPoster(config.WEBHOOK_TIMEOUT_MS) },
  {
    provide: DeliverWebhooksHandler,
    inject: [WEBHOOK_SQLITE, TARGET_GUARD, WEBHOOK_POSTER, CLOCK, DispatchConfig],
    useFactory: (sqlite: WebhookSqlite, guard: TargetGuard, poster: WebhookPoster, clock: Clock, config: DispatchConfig) =>
      new DeliverWebhooksHandler({
        outbox: sqlite.store,
        subscriptions: sqlite.store,
        unitOfWork: sqlite.readModels,
        guard,
        poster,
        clock,
        policy: retryPolicy(config.WEBHOOK_RETRY_HOURS),
        limits: WEBHOOK_LIMITS,
        metrics: new OtelDeliveryMetrics(),
      }),
  },
  WebhookSender,
  { provide: DELIVERY_SIGNAL, useExisting: WebhookSender },
];
