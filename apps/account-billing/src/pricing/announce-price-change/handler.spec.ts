import { type EventStore, InMemoryEventStore } from '@sms/event-store';
import type { Clock } from '@sms/service-kit';
import { AccountBillingConfig } from '../../account-billing.config';
import { PriceCatalogueService } from '../application/price-catalogue.service';
import { PRICE_CATALOGUE_STREAM } from '../domain/price-catalogue';
import { AnnouncePriceChangeHandler, type AnnouncePriceChangeRequest } from './handler';

const NOW = new Date('2026-03-01T08:00:00.000Z');
const clock: Clock = { now: () => NOW };
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000).toISOString();

function setup(store: EventStore = new InMemoryEventStore(), settings = new AccountBillingConfig()) {
  const catalogue = new PriceCatalogueService(store, clock, settings);
  return { store, catalogue, handler: new AnnouncePriceChangeHandler(catalogue, clock, settings) };
}

const request = (overrides: Partial<AnnouncePriceChangeRequest> = {}): AnnouncePriceChangeRequest => ({
  effectiveAt: days(31),
  prices: [
    { kind: 'notification', country: 'CN', unitPrice: '0.0500' },
    { kind: 'international', country: 'US', unitPrice: '0.09' },
    { kind: 'international', country: '*', unitPrice: '0.9000' },
  ],
  by: 'ak_ops',
  ...overrides,
});

describe('AnnouncePriceChangeHandler', () => {
  it('terms §2.3: publishes a change announced outside the notice period as the next version, in force from effectiveAt', async () => {
    const { handler, catalogue, store } = setup();
    const { version, created } = await handler.handle(request({ effectiveAt: '2026-04-01T16:00:00+08:00' }));
    expect(created).toBe(true);
    expect(version).toMatchObject({ version: 3, currency: 'CNY', effectiveAt: '2026-04-01T08:00:00.000Z', publishedAt: NOW.toISOString(), publishedBy: 'ak_ops' });
    expect(version.prices).toEqual([
      { kind: 'notification', country: 'CN', unitPriceMinor: 500n },
      { kind: 'international', country: 'US', unitPriceMinor: 900n },
      { kind: 'international', country: '*', unitPriceMinor: 9000n },
    ]);
    expect((await catalogue.inForce(new Date('2026-04-01T07:59:59.999Z')))?.version).toBe(2);
    expect((await catalogue.inForce(new Date('2026-04-01T08:00:00.000Z')))?.version).toBe(3);
    expect(await store.readStream(PRICE_CATALOGUE_STREAM)).toHaveLength(3);
  });

  it('terms §2.3: refuses a change inside the notice period with NOTICE_PERIOD_NOT_MET and appends nothing', async () => {
    const { handler, store } = setup();
    await expect(handler.handle(request({ effectiveAt: days(29) }))).rejects.toMatchObject({ code: 'NOTICE_PERIOD_NOT_MET', detail: expect.stringContaining('2026-03-31T08:00:00.000Z') });
    expect(await store.readStream(PRICE_CATALOGUE_STREAM)).toHaveLength(2);
  });

  it('reads the notice period from PRICE_NOTICE_DAYS', async () => {
    const settings = Object.assign(new AccountBillingConfig(), { PRICE_NOTICE_DAYS: 7 });
    await expect(setup(undefined, settings).handler.handle(request({ effectiveAt: days(8) }))).resolves.toMatchObject({ created: true });
  });

  it.each([
    ['an unknown kind', { prices: [{ kind: 'sms', country: 'CN', unitPrice: '0.05' }] }, /unknown kind "sms"/],
    ['a bad country code', { prices: [{ kind: 'international', country: 'XX', unitPrice: '0.05' }] }, /"XX" is not an ISO 3166-1 alpha-2 code/],
    ['a malformed price', { prices: [{ kind: 'international', country: 'GB', unitPrice: '1e3' }] }, /unitPrice: not a decimal amount/],
    ['a non-positive price', { prices: [{ kind: 'international', country: 'GB', unitPrice: '0.0000' }] }, /must be greater than 0/],
    [
      'a duplicate line',
      {
        prices: [
          { kind: 'international', country: 'GB', unitPrice: '0.3' },
          { kind: 'international', country: 'GB', unitPrice: '0.4' },
        ],
      },
      /prices\[1\]: repeats prices\[0\]/,
    ],
    ['another currency', { currency: 'USD' }, /priced in CNY/],
    ['an empty Idempotency-Key', { idempotencyKey: '' }, /Idempotency-Key must be 1–128/],
  ] as Array<[string, Partial<AnnouncePriceChangeRequest>, RegExp]>)('refuses %s with VALIDATION_FAILED and a clear message', async (_what, overrides, detail) => {
    await expect(setup().handler.handle(request(overrides))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.stringMatching(detail) });
  });

  it('answers a retry under the same Idempotency-Key with the original version, and refuses the key with another body', async () => {
    const { handler, store } = setup();
    const first = await handler.handle(request({ idempotencyKey: 'change-2026-04' }));
    // The same request written differently is the same request.
    const retry = await handler.handle(request({ idempotencyKey: 'change-2026-04', effectiveAt: new Date(Date.parse(days(31))).toISOString().replace('Z', '+00:00') }));
    expect(retry).toEqual({ version: first.version, created: false });
    await expect(handler.handle(request({ idempotencyKey: 'change-2026-04', effectiveAt: days(40) }))).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await store.readStream(PRICE_CATALOGUE_STREAM)).toHaveLength(3);
  });

  it('gives two concurrent announcements from two processes their own versions (optimistic concurrency)', async () => {
    const store = new InMemoryEventStore();
    const a = setup(store);
    const b = setup(store);
    await Promise.all([a.catalogue.ready(), b.catalogue.ready()]);
    const [first, second] = await Promise.all([a.handler.handle(request({ effectiveAt: days(31) })), b.handler.handle(request({ effectiveAt: days(33) }))]);
    expect([first.version.version, second.version.version].sort()).toEqual([3, 4]);
    const stored = await store.readStream(PRICE_CATALOGUE_STREAM);
    expect(stored.map((e) => (e.data as { version: number }).version)).toEqual([1, 2, 3, 4]);
  });

  it('answers one version to a retry racing the original in another process', async () => {
    const store = new InMemoryEventStore();
    const a = setup(store);
    const b = setup(store);
    await Promise.all([a.catalogue.ready(), b.catalogue.ready()]);
    const outcomes = await Promise.all([a.handler.handle(request({ idempotencyKey: 'k' })), b.handler.handle(request({ idempotencyKey: 'k' }))]);
    expect(outcomes.map((o) => o.version.version)).toEqual([3, 3]);
    expect(outcomes.map((o) => o.created).sort()).toEqual([false, true]);
    expect(await store.readStream(PRICE_CATALOGUE_STREAM)).toHaveLength(3);
  });

  it('a process sees a version another process announced once it refreshes', async () => {
    const store = new InMemoryEventStore();
    const here = setup(store);
    const elsewhere = setup(store);
    await here.catalogue.ready();
    await elsewhere.handler.handle(request({ effectiveAt: days(31) }));
    expect((await here.catalogue.inForce(new Date(days(32))))?.version).toBe(2);
    await here.catalogue.refresh();
    expect((await here.catalogue.inForce(new Date(days(32))))?.version).toBe(3);
  });
});
