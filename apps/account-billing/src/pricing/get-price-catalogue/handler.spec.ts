import { type EventStore, InMemoryEventStore } from '@sms/event-store';
import type { Clock } from '@sms/service-kit';
import { accountBillingCodec } from '../../account-billing.codec';
import { AccountBillingConfig } from '../../account-billing.config';
import { DEFAULT_CATALOGUE_EVENT_ID, DEFAULT_TABLE_EVENT_ID, PriceCatalogueService, REPUBLISHED_CATALOGUE_EVENT_ID } from '../application/price-catalogue.service';
import { DEFAULT_CATALOGUE, DEFAULT_CATALOGUE_PUBLISHED_AT, DEFAULT_TABLE_PRICES, PRICE_CATALOGUE_STREAM } from '../domain/price-catalogue';
import { GetPriceCatalogueHandler } from './handler';

const clockAt = (iso: string): Clock => ({ now: () => new Date(iso) });
const NOW = '2026-03-01T08:00:00.000Z';
const handlerOn = (store: EventStore, clock: Clock = clockAt(NOW), settings = new AccountBillingConfig()) => new GetPriceCatalogueHandler(new PriceCatalogueService(store, clock, settings), clock);
const PUBLISHED = 'account-billing.PriceCataloguePublished.v1';

describe('GetPriceCatalogueHandler', () => {
  it('answers the built-in table on a new install, seeded on first use as versions 1 and 2 with fixed ids', async () => {
    const store = new InMemoryEventStore();
    const version = await handlerOn(store).handle();
    expect(version).toMatchObject({ version: 2, currency: 'CNY', effectiveAt: '1970-01-01T00:00:00.000Z', prices: DEFAULT_TABLE_PRICES });
    const events = await store.readStream(PRICE_CATALOGUE_STREAM);
    expect(events.map((e) => [e.id, e.type])).toEqual([
      [DEFAULT_CATALOGUE_EVENT_ID, PUBLISHED],
      [DEFAULT_TABLE_EVENT_ID, PUBLISHED],
    ]);
    expect(events[0].data).toMatchObject({ version: 1, currency: 'CNY', prices: expect.arrayContaining([{ kind: 'notification', country: 'CN', unitPriceMinor: '450' }]) });
    expect(events[1].data).toMatchObject({ version: 2, publishedAt: '1970-01-01T00:00:00.000Z', publishedBy: 'built-in', prices: expect.arrayContaining([{ kind: 'international', country: 'US', unitPriceMinor: '800' }]) });
  });

  it('seeds once across restarts and replicas', async () => {
    const store = new InMemoryEventStore();
    await Promise.all([handlerOn(store).handle(), handlerOn(store).handle()]);
    await handlerOn(store).handle();
    expect(await store.readStream(PRICE_CATALOGUE_STREAM)).toHaveLength(2);
  });

  it('terms §2.3: on an install that already charges version 1, the table takes effect PRICE_NOTICE_DAYS after the start that seeds it', async () => {
    // given a data dir from before the table: version 1 only, under its fixed id
    const store = new InMemoryEventStore();
    const v1 = accountBillingCodec.encode({ type: 'PriceCataloguePublished', data: { ...DEFAULT_CATALOGUE, publishedAt: DEFAULT_CATALOGUE_PUBLISHED_AT } });
    await store.appendToStream(PRICE_CATALOGUE_STREAM, [{ id: DEFAULT_CATALOGUE_EVENT_ID, ...v1 }], { expectedRevision: 'no_stream' });

    // when it starts with PRICE_NOTICE_DAYS=30 (twice: a restart changes nothing)
    await handlerOn(store).handle();
    await handlerOn(store, clockAt('2026-03-02T08:00:00.000Z')).handle();

    // then version 1 stays in force for the notice period, republished once, and the table follows
    const events = await store.readStream(PRICE_CATALOGUE_STREAM);
    expect(events.map((e) => [e.id, (e.data as { version: number }).version])).toEqual([
      [DEFAULT_CATALOGUE_EVENT_ID, 1],
      [REPUBLISHED_CATALOGUE_EVENT_ID, 1],
      [DEFAULT_TABLE_EVENT_ID, 2],
    ]);
    expect(events[1].data).toEqual(events[0].data);
    expect(events[2].data).toMatchObject({ version: 2, publishedAt: NOW, effectiveAt: '2026-03-31T08:00:00.000Z' });
    await expect(handlerOn(store).handle(new Date('2026-03-31T07:59:59.999Z'))).resolves.toMatchObject({ version: 1 });
    await expect(handlerOn(store).handle(new Date('2026-03-31T08:00:00.000Z'))).resolves.toMatchObject({ version: 2 });
  });

  it('answers the version in force at a given time, and NOT_FOUND before the first', async () => {
    const store = new InMemoryEventStore();
    await expect(handlerOn(store).handle(new Date('2000-01-01T00:00:00.000Z'))).resolves.toMatchObject({ version: 2 });
    await expect(handlerOn(store).handle(new Date('1969-12-31T23:59:59.999Z'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a time the catalogue cannot compare (VALIDATION_FAILED)', async () => {
    const handler = handlerOn(new InMemoryEventStore());
    await expect(handler.handle(new Date('+275760-09-13T00:00:00.000Z'))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(handler.handle(new Date(Number.NaN))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
