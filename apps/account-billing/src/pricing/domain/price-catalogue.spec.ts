import { DeciderSpecification } from '@sms/use-case-kit/core';
import {
  catalogueDecider,
  catalogueInForce,
  type CatalogueVersion,
  DEFAULT_CATALOGUE,
  evolveCatalogue,
  initialCatalogueState,
  lookupPrice,
  type PriceCataloguePublished,
} from './price-catalogue';

const published = (version: CatalogueVersion): PriceCataloguePublished => ({ type: 'PriceCataloguePublished', data: { ...version, publishedAt: '2025-01-01T00:00:00.000Z' } });

describe('price catalogue', () => {
  describe('default catalogue', () => {
    it.each(['verification', 'notification', 'marketing'])('prices domestic %s at 0.0450 per segment', (kind) => {
      expect(lookupPrice(DEFAULT_CATALOGUE, kind, 'CN', 'CMCC')).toBe(450n);
    });

    it('prices international messages to any country at 0.5000', () => {
      expect(lookupPrice(DEFAULT_CATALOGUE, 'international', 'US', 'INTERNATIONAL')).toBe(5000n);
    });

    it('prices a domestic kind sent abroad as international', () => {
      expect(lookupPrice(DEFAULT_CATALOGUE, 'verification', 'GB')).toBe(5000n);
    });

    it('has no price for kinds it does not list', () => {
      expect(lookupPrice(DEFAULT_CATALOGUE, 'rich-media', 'CN')).toBeNull();
    });
  });

  describe('most specific match wins', () => {
    const version: CatalogueVersion = {
      version: 2,
      currency: 'CNY',
      effectiveAt: '2025-01-01T00:00:00.000Z',
      prices: [
        { kind: 'international', country: '*', unitPriceMinor: 5000n },
        { kind: 'international', country: 'US', unitPriceMinor: 4000n },
        { kind: 'international', country: 'US', operator: 'ATT', unitPriceMinor: 3000n },
        { kind: 'notification', country: 'CN', operator: 'CMCC', unitPriceMinor: 400n },
        { kind: 'notification', country: 'CN', unitPriceMinor: 450n },
      ],
    };

    it('kind + country + operator beats kind + country', () => expect(lookupPrice(version, 'international', 'US', 'ATT')).toBe(3000n));
    it('kind + country beats kind + *', () => expect(lookupPrice(version, 'international', 'US', 'TMO')).toBe(4000n));
    it('kind + * when the country is not listed', () => expect(lookupPrice(version, 'international', 'FR')).toBe(5000n));
    it('an operator price applies only to that operator', () => {
      expect(lookupPrice(version, 'notification', 'CN', 'CMCC')).toBe(400n);
      expect(lookupPrice(version, 'notification', 'CN', 'CUCC')).toBe(450n);
      expect(lookupPrice(version, 'notification', 'CN')).toBe(450n);
    });
  });

  describe('versions in force', () => {
    const v1 = { ...DEFAULT_CATALOGUE };
    const v2: CatalogueVersion = { version: 2, currency: 'CNY', effectiveAt: '2025-06-01T00:00:00.000Z', prices: [{ kind: 'notification', country: 'CN', unitPriceMinor: 500n }] };
    const state = [published(v2), published(v1)].reduce(evolveCatalogue, initialCatalogueState());

    it('uses the latest version whose effectiveAt has passed', () => {
      expect(catalogueInForce(state, new Date('2025-05-31T23:59:59.999Z'))?.version).toBe(1);
      expect(catalogueInForce(state, new Date('2025-06-01T00:00:00.000Z'))?.version).toBe(2);
    });

    it('has nothing in force before the first version', () => {
      const later = evolveCatalogue(initialCatalogueState(), published(v2));
      expect(catalogueInForce(later, new Date('2025-01-01T00:00:00.000Z'))).toBeUndefined();
    });

    it('a republished version replaces itself rather than duplicating', () => {
      expect(evolveCatalogue(state, published(v1)).versions.map((v) => v.version)).toEqual([1, 2]);
    });
  });

  describe('publishing', () => {
    const spec = DeciderSpecification.for(catalogueDecider);
    const v2: CatalogueVersion = { version: 2, currency: 'CNY', effectiveAt: '2025-06-01T00:00:00.000Z', prices: [{ kind: 'notification', country: 'CN', unitPriceMinor: 500n }] };

    it('publishes a version not published before', () => {
      const state = spec
        .given([published(DEFAULT_CATALOGUE)])
        .when({ type: 'PublishCatalogue', version: v2, publishedAt: '2025-01-01T00:00:00.000Z' })
        .then([published(v2)]);
      expect(state.versions.map((v) => v.version)).toEqual([1, 2]);
    });

    it('publishes a version number once (seeding again on a restart or another replica appends nothing)', () => {
      spec.given([published(DEFAULT_CATALOGUE)]).when({ type: 'PublishCatalogue', version: DEFAULT_CATALOGUE, publishedAt: '1970-01-01T00:00:00.000Z' }).thenNothing();
    });
  });

  // The round trip through the stored form is the service codec's: see account-billing.codec.spec.ts.
});
