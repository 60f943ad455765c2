import { INTERNAL_TOPICS, PRICE_CATALOGUE_V1, type PriceCatalogueV1, SOURCES } from '@sms/contracts';
import type { RecordedEvent } from '@sms/event-store';
import { integrationEvent, type OutboxMessage } from '@sms/service-kit';
import type { PriceCataloguePublished } from '../domain/price-catalogue';

/** Unit prices go out as JSON numbers; the catalogue caps them far below 2^53, but an event from elsewhere is checked. */
function safeNumber(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Price ${value} does not fit a JSON number`);
  return n;
}

/**
 * Every published catalogue version — the seeded ones included, and one whose effectiveAt lies ahead (an announced
 * change) — as `sms.price-catalogue.v1` on `sms.internal.prices`, keyed by its version number, so dispatch can
 * estimate what a send will cost. The whole version travels: consumers keep versions, not deltas. Who announced
 * it and under which Idempotency-Key stay in billing.
 */
export function priceCatalogueEvents(recorded: RecordedEvent, event: PriceCataloguePublished): OutboxMessage[] {
  const d = event.data;
  const data: PriceCatalogueV1 = {
    version: d.version,
    currency: d.currency,
    effectiveAt: d.effectiveAt,
    publishedAt: d.publishedAt,
    prices: d.prices.map((p) => ({ kind: p.kind, country: p.country, ...(p.operator !== undefined ? { operator: p.operator } : {}), unitPriceMinor: safeNumber(p.unitPriceMinor) })),
  };
  return [{ topic: INTERNAL_TOPICS.prices, event: integrationEvent(recorded, PRICE_CATALOGUE_V1, SOURCES.accountBilling, String(d.version), data) }];
}
