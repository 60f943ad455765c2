import { isCountryCode, lookupPrice, nextVersionWithin, type PriceLine, versionInForce } from './price-lookup';

describe('price lookup (shared by billing and dispatch)', () => {
  const prices: PriceLine[] = [
    { kind: 'international', country: '*', unitPriceMinor: 8000n },
    { kind: 'international', country: 'US', unitPriceMinor: 800n },
    { kind: 'notification', country: 'CN', unitPriceMinor: 450n },
    { kind: 'notification', country: 'CN', operator: 'CBN', unitPriceMinor: 400n },
  ];

  it('picks kind + country + operator, then kind + country, then kind + *', () => {
    expect(lookupPrice(prices, 'notification', 'CN', 'CBN')).toBe(400n);
    expect(lookupPrice(prices, 'notification', 'CN', 'CMCC')).toBe(450n);
    expect(lookupPrice(prices, 'international', 'US', 'INTERNATIONAL')).toBe(800n);
    expect(lookupPrice(prices, 'international', 'FJ', 'INTERNATIONAL')).toBe(8000n);
  });

  it('prices a domestic kind abroad as international, and has no price for a kind it does not list', () => {
    expect(lookupPrice(prices, 'verification', 'US')).toBe(800n);
    expect(lookupPrice(prices, 'verification', 'CN')).toBeNull();
  });

  it('works on integration-event amounts (numbers) as well', () => {
    expect(lookupPrice([{ kind: 'international', country: 'GB', unitPriceMinor: 2900 }], 'international', 'GB')).toBe(2900);
  });

  describe('versions', () => {
    const versions = [
      { version: 1, effectiveAt: '1970-01-01T00:00:00.000Z' },
      { version: 2, effectiveAt: '1970-01-01T00:00:00.000Z' },
      { version: 3, effectiveAt: '2026-06-01T00:00:00.000Z' },
      { version: 5, effectiveAt: '2026-06-01T00:00:00.000Z' },
      { version: 4, effectiveAt: '2026-07-01T00:00:00.000Z' },
    ];

    it('is in force from its effectiveAt; of two at the same instant the later published wins', () => {
      expect(versionInForce(versions, '2026-05-31T23:59:59.999Z')?.version).toBe(2);
      expect(versionInForce(versions, '2026-06-01T00:00:00.000Z')?.version).toBe(5);
      expect(versionInForce(versions, '1969-12-31T23:59:59.999Z')).toBeUndefined();
    });

    it('finds the version taking effect next within a horizon, as it will be in force', () => {
      expect(nextVersionWithin(versions, '2026-05-31T00:00:00.000Z', '2026-06-01T00:00:00.000Z')?.version).toBe(5);
      expect(nextVersionWithin(versions, '2026-05-30T23:59:59.999Z', '2026-05-31T23:59:59.999Z')).toBeUndefined();
      // One already in force is not "next".
      expect(nextVersionWithin(versions, '2026-06-01T00:00:00.000Z', '2026-06-02T00:00:00.000Z')).toBeUndefined();
      expect(nextVersionWithin(versions, '2026-06-30T12:00:00.000Z', '2026-07-01T12:00:00.000Z')?.version).toBe(4);
    });
  });

  it('knows ISO 3166-1 alpha-2 regions in upper case only', () => {
    expect(['CN', 'US', 'GB', 'HK', 'XK'].map(isCountryCode)).toEqual([true, true, true, true, true]);
    expect(['UK', 'XX', 'us', 'USA', '*', '', 'C'].map(isCountryCode)).toEqual([false, false, false, false, false, false, false]);
  });
});
