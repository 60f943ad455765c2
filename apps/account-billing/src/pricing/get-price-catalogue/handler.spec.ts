import { type EventStore, InMemoryEventStore } from '@sms/event-store';
import type { Clock } from '@sms/service-kit';
import { DEFAULT_CATALOGUE_EVENT_ID, PriceCatalogueService } from '../application/price-catalogue.service';
import { DEFAULT_CATALOGUE, PRICE_CATALOGUE_STREAM } from '../domain/price-catalogue';
import { GetPriceCatalogueHandler } from './handler';

const clockAt = (iso: string): Clock => ({ now: () => new Date(iso) });
const handlerOn = (store: EventStore, clock: Clock = clockAt('2025-03-01T08:00:00.000Z')) => new GetPriceCatalogueHandler(new PriceCatalogueService(store, clock));

describe('GetPriceCatalogueHandler', () => {
  it('answers the default catalogue, seeded on first use as one event with a fixed id', async () => {
    const store = new InMemoryEventStore();
    await expect(handlerOn(store).handle()).resolves.toEqual(DEFAULT_CATALOGUE);
    const events = await store.readStream(PRICE_CATALOGUE_STREAM);
    expect(events.map((e) => [e.id, e.type])).toEqual([[DEFAULT_CATALOGUE_EVENT_ID, 'account-billing.PriceCataloguePublished.v1']]);
    expect(events[0].data).toMatchObject({ version: 1, currency: 'CNY', prices: expect.arrayContaining([{ kind: 'notification', country: 'CN', unitPriceMinor: '450' }]) });
  });

  it('seeds once across restarts and replicas', async () => {
    const store = new InMemoryEventStore();
    await Promise.all([handlerOn(store).handle(), handlerOn(store).handle()]);
    await handlerOn(store).handle();
    expect(await store.readStream(PRICE_CATALOGUE_STREAM)).toHaveLength(1);
  });

  it('answers NOT_FOUND when no version is in force yet', async () => {
    await expect(handlerOn(new InMemoryEventStore(), clockAt('1969-12-31T23:59:59.999Z')).handle()).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
