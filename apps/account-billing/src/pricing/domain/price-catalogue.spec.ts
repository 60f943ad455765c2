import { isCountryCode } from '@sms/sms';
import { DeciderSpecification } from '@sms/use-case-kit/core';
import { BUILT_IN_PUBLISHED_AT } from './default-catalogue';
import {
  type AnnouncePriceChange,
  catalogueDecider,
  catalogueInForce,
  catalogueTakingEffectWithin,
  type CatalogueVersion,
  DEFAULT_CATALOGUE,
  DEFAULT_TABLE_PRICES,
  evolveCatalogue,
  initialCatalogueState,
  lookupPrice,
  type PriceCataloguePublished,
  type PriceEntry,
  type PublishedVersion,
  readPriceLines,
  versionStatus,
} from './price-catalogue';

const DAY = 86_400_000;
const now = new Date('2026-03-01T08:00:00.000Z');
const daysFromNow = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
const published = (data: PublishedVersion): PriceCataloguePublished => ({ type: 'PriceCataloguePublished', data });
const v1 = published({ ...DEFAULT_CATALOGUE, publishedAt: BUILT_IN_PUBLISHED_AT });
const table = published({ version: 2, currency: 'CNY', effectiveAt: BUILT_IN_PUBLISHED_AT, prices: [...DEFAULT_TABLE_PRICES], publishedAt: BUILT_IN_PUBLISHED_AT, publishedBy: 'built-in' });
const tableVersion = table.data;

const rise: PriceEntry[] = [
  { kind: 'notification', country: 'CN', unitPriceMinor: 500n },
  { kind: 'international', country: 'US', unitPriceMinor: 900n },
  { kind: 'international', country: '*', unitPriceMinor: 9000n },
];
const announce = (overrides: Partial<AnnouncePriceChange> = {}): AnnouncePriceChange => ({
  type: 'AnnouncePriceChange',
  effectiveAt: daysFromNow(31),
  prices: rise,
  at: now,
  noticeDays: 30,
  minimumGapMs: DAY,
  publishedBy: 'ak_ops',
  ...overrides,
});

describe('price catalogue', () => {
  const spec = DeciderSpecification.for(catalogueDecider);

  describe('the built-in table (ADR 0024)', () => {
    it('prices domestic verification, notification and marketing at 0.0450 per segment, for every operator', () => {
      for (const kind of ['verification', 'notification', 'marketing']) {
        for (const operator of ['CMCC', 'CUCC', 'CTCC', 'CBN']) expect([kind, operator, lookupPrice(tableVersion, kind, 'CN', operator)]).toEqual([kind, operator, 450n]);
      }
    });

    it('prices rich-media and smart cards in China per message (DOMAIN §4)', () => {
      expect(lookupPrice(tableVersion, 'rich-media', 'CN')).toBe(2000n);
      expect(lookupPrice(tableVersion, 'smart', 'CN')).toBe(1000n);
    });

    it('prices international messages per destination country, with a fallback for the rest', () => {
      expect(lookupPrice(tableVersion, 'international', 'US', 'INTERNATIONAL')).toBe(800n);
      expect(lookupPrice(tableVersion, 'international', 'GB')).toBe(2900n);
      expect(lookupPrice(tableVersion, 'international', 'RU')).toBe(21_000n);
      expect(lookupPrice(tableVersion, 'international', 'FJ')).toBe(8000n);
    });

    it('lists at least 40 destination countries, each a real ISO 3166-1 alpha-2 region, and passes its own validation', () => {
      const countries = DEFAULT_TABLE_PRICES.filter((p) => p.kind === 'international' && p.country !== '*').map((p) => p.country);
      expect(countries.length).toBeGreaterThanOrEqual(40);
      expect(countries.filter((c) => !isCountryCode(c))).toEqual([]);
      expect(new Set(countries).size).toBe(countries.length);
      expect(readPriceLines(DEFAULT_TABLE_PRICES.map((p) => ({ ...p, unitPrice: String(Number(p.unitPriceMinor) / 10_000) })))).toMatchObject({ ok: true });
    });
  });

  describe('seeding', () => {
    const seed = { type: 'SeedCatalogue' as const, at: now, noticeDays: 30 };

    it('a new install gets version 1 and the table as version 2, both in force since the epoch (nobody was charged yet)', () => {
      const state = spec.given([]).when(seed).then([v1, table]);
      expect(catalogueInForce(state, now)?.version).toBe(2);
      expect(catalogueInForce(state, new Date(0))?.version).toBe(2);
    });

    it('terms §2.3: an install already charging version 1 gets the table announced with the notice period, and version 1 republished for the consumers that never got it', () => {
      const state = spec
        .given([v1])
        .when(seed)
        .then([v1, published({ ...tableVersion, effectiveAt: daysFromNow(30), publishedAt: now.toISOString() })]);
      expect(catalogueInForce(state, new Date(now.getTime() + 30 * DAY - 1))?.version).toBe(1);
      expect(catalogueInForce(state, new Date(now.getTime() + 30 * DAY))?.version).toBe(2);
      expect(state.versions.map((v) => v.version)).toEqual([1, 2]);
    });

    it('seeds once: a restart or another replica appends nothing', () => {
      spec.given([v1, table]).when(seed).thenNothing();
    });
  });

  describe('announcing a price change', () => {
    it('terms §2.3: a change announced at least the notice period ahead is published as the next version', () => {
      const state = spec
        .given([v1, table])
        .when(announce())
        .then([published({ version: 3, currency: 'CNY', effectiveAt: daysFromNow(31), prices: rise, publishedAt: now.toISOString(), publishedBy: 'ak_ops' })]);
      expect(catalogueInForce(state, now)?.version).toBe(2);
      expect(catalogueInForce(state, new Date(daysFromNow(31)))?.version).toBe(3);
    });

    it('terms §2.3: exactly the notice period ahead is enough', () => {
      expect(spec.given([v1, table]).when(announce({ effectiveAt: daysFromNow(30) })).decision.ok).toBe(true);
    });

    it('terms §2.3: a change inside the notice period is refused NOTICE_PERIOD_NOT_MET, saying from when it could take effect', () => {
      spec
        .given([v1, table])
        .when(announce({ effectiveAt: new Date(now.getTime() + 30 * DAY - 1).toISOString() }))
        .thenRejects('NOTICE_PERIOD_NOT_MET', /at least 30 days.*not be before 2026-03-31T08:00:00\.000Z/);
      spec.given([v1, table]).when(announce({ effectiveAt: now.toISOString() })).thenRejects('NOTICE_PERIOD_NOT_MET');
    });

    it('terms §2.3: the notice period is configurable (PRICE_NOTICE_DAYS)', () => {
      expect(spec.given([v1, table]).when(announce({ noticeDays: 7, effectiveAt: daysFromNow(7) })).decision.ok).toBe(true);
      spec.given([v1, table]).when(announce({ noticeDays: 60, effectiveAt: daysFromNow(31) })).thenRejects('NOTICE_PERIOD_NOT_MET', /at least 60 days/);
    });

    it('numbers versions after the highest published, whatever their effective dates', () => {
      const v3 = announce({ effectiveAt: daysFromNow(60) });
      const state = spec.given([v1, table]).when(v3).then([published({ version: 3, currency: 'CNY', effectiveAt: daysFromNow(60), prices: rise, publishedAt: now.toISOString(), publishedBy: 'ak_ops' })]);
      const earlier = catalogueDecider.decide(announce({ effectiveAt: daysFromNow(40) }), state);
      expect(earlier.ok && earlier.events[0].data.version).toBe(4);
    });

    it('DOMAIN §4: versions take effect at least the reservation horizon apart, so a reservation prices within it exactly', () => {
      const v3 = published({ version: 3, currency: 'CNY', effectiveAt: daysFromNow(40), prices: rise, publishedAt: now.toISOString(), publishedBy: 'ak_ops' });
      spec.given([v1, table, v3]).when(announce({ effectiveAt: new Date(Date.parse(daysFromNow(40)) + DAY - 1).toISOString() })).thenRejects('VALIDATION_FAILED', /version 3 takes effect/);
      spec.given([v1, table, v3]).when(announce({ effectiveAt: daysFromNow(40) })).thenRejects('VALIDATION_FAILED', /24 h apart/);
      expect(catalogueDecider.decide(announce({ effectiveAt: daysFromNow(41) }), fold([v1, table, v3])).ok).toBe(true);
    });

    it('keeps the catalogue in one currency: another is refused, an absent one is the catalogue’s', () => {
      spec.given([v1, table]).when(announce({ currency: 'USD' })).thenRejects('VALIDATION_FAILED', /priced in CNY/);
      const decision = catalogueDecider.decide(announce({ currency: 'CNY' }), fold([v1, table]));
      expect(decision.ok && decision.events[0].data.currency).toBe('CNY');
    });

    it.each([
      ['an unknown kind', [{ kind: 'sms', country: 'CN', unitPriceMinor: 450n }], /prices\[0\]\.kind: unknown kind "sms"/],
      ['a country that is no ISO 3166-1 alpha-2 code', [{ kind: 'international', country: 'UK', unitPriceMinor: 450n }], /prices\[0\]\.country: "UK" is not an ISO 3166-1 alpha-2 code/],
      ['a lower-case country', [{ kind: 'international', country: 'us', unitPriceMinor: 450n }], /prices\[0\]\.country/],
      ['a zero price', [{ kind: 'notification', country: 'CN', unitPriceMinor: 0n }], /prices\[0\]\.unitPrice: must be greater than 0/],
      ['a negative price', [{ kind: 'notification', country: 'CN', unitPriceMinor: -1n }], /greater than 0/],
      ['an implausible price', [{ kind: 'notification', country: 'CN', unitPriceMinor: 10_000_001n }], /at most 1000\.0000/],
      ['a line given twice', [...rise, { kind: 'international', country: 'US', unitPriceMinor: 1n }], /prices\[3\]: repeats prices\[1\]/],
      ['an operator outside China', [{ kind: 'international', country: 'US', operator: 'CMCC', unitPriceMinor: 1n }], /operators are priced apart in CN only/],
      ['an unknown operator', [{ kind: 'notification', country: 'CN', operator: 'ATT', unitPriceMinor: 1n }], /"ATT" is not one of CMCC, CUCC, CTCC, CBN/],
      ['a domestic kind abroad', [{ kind: 'notification', country: 'US', unitPriceMinor: 1n }], /notification is priced for CN only/],
      ['international to China', [{ kind: 'international', country: 'CN', unitPriceMinor: 1n }], /international is for destinations outside China/],
      ['no line at all', [], /at least one price/],
    ] as Array<[string, PriceEntry[], RegExp]>)('refuses %s (VALIDATION_FAILED, naming the line)', (_what, prices, detail) => {
      spec.given([v1, table]).when(announce({ prices })).thenRejects('VALIDATION_FAILED', detail);
    });

    it('refuses an effectiveAt it cannot compare (a year beyond 9999)', () => {
      spec.given([v1, table]).when(announce({ effectiveAt: '+275760-09-13T00:00:00.000Z' })).thenRejects('VALIDATION_FAILED', /four-digit year/);
    });

    it('answers a retry under the same Idempotency-Key with nothing new, and refuses the key with another request', () => {
      const first = announce({ idempotencyKey: 'k1', requestHash: 'h1' });
      const state = fold([v1, table]);
      const decision = catalogueDecider.decide(first, state);
      if (!decision.ok) throw new Error('refused');
      expect(decision.events[0].data).toMatchObject({ version: 3, idempotencyKey: 'k1', requestHash: 'h1', publishedBy: 'ak_ops' });
      const given = [v1, table, ...decision.events];
      // A retry long after, when the notice period would no longer be met: still the same answer.
      spec.given(given).when({ ...first, at: new Date(daysFromNow(29)) }).thenNothing();
      spec.given(given).when(announce({ idempotencyKey: 'k1', requestHash: 'h2' })).thenRejects('IDEMPOTENCY_KEY_REUSED', /version 3/);
      // Another operator's key of the same name is another announcement.
      expect(catalogueDecider.decide(announce({ idempotencyKey: 'k1', requestHash: 'h1', publishedBy: 'ak_other', effectiveAt: daysFromNow(45) }), fold(given)).ok).toBe(true);
    });
  });

  describe('versions in force (DOMAIN §4: priced by the catalogue in force at submission)', () => {
    const v3 = published({ version: 3, currency: 'CNY', effectiveAt: '2026-06-01T00:00:00.000Z', prices: rise, publishedAt: '2026-04-01T00:00:00.000Z' });
    const state = fold([v3, table, v1]);

    it('uses the latest version whose effectiveAt has passed', () => {
      expect(catalogueInForce(state, new Date('2026-05-31T23:59:59.999Z'))?.version).toBe(2);
      expect(catalogueInForce(state, new Date('2026-06-01T00:00:00.000Z'))?.version).toBe(3);
    });

    it('has nothing in force before the first version', () => {
      expect(catalogueInForce(fold([v3]), new Date('2026-01-01T00:00:00.000Z'))).toBeUndefined();
    });

    it('knows the version taking effect within a horizon', () => {
      expect(catalogueTakingEffectWithin(state, new Date('2026-05-31T00:00:00.000Z'), DAY)?.version).toBe(3);
      expect(catalogueTakingEffectWithin(state, new Date('2026-05-30T23:59:59.999Z'), DAY)).toBeUndefined();
      expect(catalogueTakingEffectWithin(state, new Date('2026-06-01T00:00:00.000Z'), DAY)).toBeUndefined();
    });

    it('tells scheduled, in-force and superseded versions apart', () => {
      const at = new Date('2026-05-01T00:00:00.000Z');
      expect([v1.data, table.data, v3.data].map((v: CatalogueVersion) => versionStatus(state, v, at))).toEqual(['SUPERSEDED', 'IN_FORCE', 'SCHEDULED']);
    });

    it('a republished version replaces itself rather than duplicating', () => {
      expect(evolveCatalogue(state, v1).versions.map((v) => v.version)).toEqual([1, 2, 3]);
    });
  });

  describe('reading request lines', () => {
    it('reads 4-place decimal strings into minor units', () => {
      expect(readPriceLines([{ kind: 'international', country: 'GB', unitPrice: '0.29' }])).toEqual({ ok: true, prices: [{ kind: 'international', country: 'GB', unitPriceMinor: 2900n }] });
    });

    it.each(['1e3', '-0.01', '0.00001', ' 1.00', '1,00', '.5', 'NaN', '１００'])('refuses the malformed price %j', (unitPrice) => {
      expect(readPriceLines([{ kind: 'international', country: 'GB', unitPrice }])).toEqual({ ok: false, detail: expect.stringMatching(/prices\[0\]\.unitPrice: not a decimal amount/) });
    });

    it('names every problem, by line', () => {
      const read = readPriceLines([
        { kind: 'text', country: 'CN', unitPrice: '0.045' },
        { kind: 'international', country: 'ZZ', unitPrice: '0' },
      ]);
      expect(read).toEqual({ ok: false, detail: expect.stringContaining('prices[0].kind') });
      expect(!read.ok && read.detail.split(' | ')).toHaveLength(3);
    });
  });
});

function fold(events: PriceCataloguePublished[]) {
  return events.reduce(evolveCatalogue, initialCatalogueState());
}
