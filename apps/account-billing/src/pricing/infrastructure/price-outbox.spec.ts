import { INTERNAL_TOPICS, PRICE_CATALOGUE_V1 } from '@sms/contracts';
import type { RecordedEvent } from '@sms/event-store';
import { accountBillingCodec } from '../../account-billing.codec';
import { toIntegrationEvents } from '../../ledger/infrastructure/outbox-mapping';
import type { PriceCataloguePublished } from '../domain/price-catalogue';
import { DEFAULT_TABLE_PRICES } from '../domain/price-catalogue';

const recorded = (event: PriceCataloguePublished, id = '6f1c0f3e-0000-5000-8000-000000000024'): RecordedEvent => ({
  id,
  ...accountBillingCodec.encode(event),
  streamName: 'price-catalogue',
  revision: 2n,
  position: 7n,
  metadata: {},
  created: new Date('2026-03-01T08:00:00.000Z'),
});

describe('price catalogue outbox', () => {
  it('publishes every version as sms.price-catalogue.v1 on sms.internal.prices, keyed by version, amounts as integers, without who announced it', () => {
    const event: PriceCataloguePublished = {
      type: 'PriceCataloguePublished',
      data: {
        version: 3,
        currency: 'CNY',
        effectiveAt: '2026-04-01T00:00:00.000Z',
        publishedAt: '2026-03-01T08:00:00.000Z',
        prices: [
          { kind: 'notification', country: 'CN', operator: 'CBN', unitPriceMinor: 400n },
          { kind: 'international', country: '*', unitPriceMinor: 9000n },
        ],
        publishedBy: 'ak_ops',
        idempotencyKey: 'k1',
        requestHash: 'abc',
      },
    };
    const messages = toIntegrationEvents(recorded(event));
    expect(messages).toHaveLength(1);
    expect(messages[0].topic).toBe(INTERNAL_TOPICS.prices);
    expect(messages[0].event).toMatchObject({ id: '6f1c0f3e-0000-5000-8000-000000000024', type: PRICE_CATALOGUE_V1, key: '3' });
    expect(messages[0].event.data).toEqual({
      version: 3,
      currency: 'CNY',
      effectiveAt: '2026-04-01T00:00:00.000Z',
      publishedAt: '2026-03-01T08:00:00.000Z',
      prices: [
        { kind: 'notification', country: 'CN', operator: 'CBN', unitPriceMinor: 400 },
        { kind: 'international', country: '*', unitPriceMinor: 9000 },
      ],
    });
  });

  it('publishes the seeded versions too (the built-in table)', () => {
    const event: PriceCataloguePublished = {
      type: 'PriceCataloguePublished',
      data: { version: 2, currency: 'CNY', effectiveAt: '1970-01-01T00:00:00.000Z', publishedAt: '1970-01-01T00:00:00.000Z', prices: [...DEFAULT_TABLE_PRICES], publishedBy: 'built-in' },
    };
    const [message] = toIntegrationEvents(recorded(event));
    expect(message.event.key).toBe('2');
    expect((message.event.data as { prices: unknown[] }).prices).toHaveLength(DEFAULT_TABLE_PRICES.length);
    expect((message.event.data as { prices: unknown[] }).prices).toContainEqual({ kind: 'international', country: 'US', unitPriceMinor: 800 });
  });

  it('reads back from the stored form who announced a version and under which Idempotency-Key (the codec), for the decider to answer a retry', () => {
    const event: PriceCataloguePublished = {
      type: 'PriceCataloguePublished',
      data: { version: 4, currency: 'CNY', effectiveAt: '2026-05-01T00:00:00.000Z', publishedAt: '2026-03-01T08:00:00.000Z', prices: [{ kind: 'international', country: 'GB', unitPriceMinor: 2900n }], publishedBy: 'ak_ops', idempotencyKey: 'k', requestHash: 'h' },
    };
    expect(accountBillingCodec.decode(recorded(event))).toEqual(event);
    const withoutKey: PriceCataloguePublished = { type: 'PriceCataloguePublished', data: { ...event.data, publishedBy: undefined, idempotencyKey: undefined, requestHash: undefined } };
    expect(accountBillingCodec.decode(recorded(withoutKey))?.data).not.toHaveProperty('idempotencyKey');
  });
});
