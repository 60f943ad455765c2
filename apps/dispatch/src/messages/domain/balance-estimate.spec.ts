import { compareVersions, estimateMinor, fitToBudget, type PriceVersion, type SendBudget, unitPricer } from './balance-estimate';

/* DOMAIN §4 Arrears (§7.2, §7.3.3): "when available balance cannot cover a send the message is rejected with a clear
 * reason" — dispatch's estimate at acceptance, which only ever predicts the reservation. */

const DOMESTIC = { segments: 1, countryCode: 'CN', operator: 'CMCC' };
const LONG = { segments: 2, countryCode: 'CN', operator: 'CUCC' };
const ABROAD = { segments: 1, countryCode: 'GB', operator: 'INTERNATIONAL' };

const catalogue = (n: number, effectiveAt: string, domestic: number, currency = 'CNY'): PriceVersion => ({
  version: n,
  currency,
  effectiveAt,
  prices: [
    { kind: 'verification', country: 'CN', unitPriceMinor: domestic },
    { kind: 'verification', country: 'CN', operator: 'CUCC', unitPriceMinor: domestic + 50 },
    { kind: 'international', country: 'GB', unitPriceMinor: 4_000 },
    { kind: 'international', country: '*', unitPriceMinor: 5_000 },
  ],
});
const VERSIONS = [catalogue(1, '1970-01-01T00:00:00.000Z', 450), catalogue(2, '2026-12-01T00:00:00.000Z', 480), catalogue(3, '2027-01-01T00:00:00.000Z', 500)];
const NOW = '2026-12-15T10:00:00.000Z';
const priced = (availableMinor: number, price = unitPricer(VERSIONS, NOW, 'verification', 'CNY')): SendBudget => {
  if (!price) throw new Error('no version in force');
  return { availableMinor, unitPriceMinor: price };
};

describe('DOMAIN §4 Arrears (§7.2, §7.3.3): the price a message is estimated at', () => {
  it('given versions 1–3, when a send is priced on 2026-12-15, then version 2 (in force since 12-01) prices it, most specific line first', () => {
    const price = unitPricer(VERSIONS, NOW, 'verification', 'CNY');
    expect(price?.('CN', 'CMCC')).toBe(480);
    // An operator line beats the country line; a domestic kind abroad is priced as international (libs/sms rule).
    expect(price?.('CN', 'CUCC')).toBe(530);
    expect(price?.('GB', 'INTERNATIONAL')).toBe(4_000);
    expect(price?.('US', 'INTERNATIONAL')).toBe(5_000);
  });

  it('given a version announced for later, when a send is priced before its effectiveAt, then the one in force now prices it', () => {
    expect(unitPricer(VERSIONS, '2026-11-30T23:59:59.999Z', 'verification', 'CNY')?.('CN', 'CMCC')).toBe(450);
    expect(unitPricer(VERSIONS, '2027-01-01T00:00:00.000Z', 'verification', 'CNY')?.('CN', 'CMCC')).toBe(500);
  });

  it('given no version in force, or one in another currency than the account’s, then there is no estimate (billing would not price it either)', () => {
    expect(unitPricer([], NOW, 'verification', 'CNY')).toBeUndefined();
    expect(unitPricer([catalogue(9, '2030-01-01T00:00:00.000Z', 1)], NOW, 'verification', 'CNY')).toBeUndefined();
    expect(unitPricer(VERSIONS, NOW, 'verification', 'USD')).toBeUndefined();
  });

  it('given a kind the catalogue has no line for, then that message has no price (null), not zero', () => {
    expect(unitPricer([{ version: 1, currency: 'CNY', effectiveAt: '1970-01-01T00:00:00.000Z', prices: [{ kind: 'verification', country: 'CN', unitPriceMinor: 450 }] }], NOW, 'marketing', 'CNY')?.('CN', 'CMCC')).toBeNull();
  });

  it('orders versions as billing does: by effectiveAt, then version', () => {
    const shuffled = [VERSIONS[2], catalogue(4, '2026-12-01T00:00:00.000Z', 490), VERSIONS[0], VERSIONS[1]];
    expect([...shuffled].sort(compareVersions).map((v) => v.version)).toEqual([1, 2, 4, 3]);
  });
});

describe('DOMAIN §4 Arrears (§7.2, §7.3.3): which recipients the available balance covers', () => {
  it('given 3 segments of balance, when 5 one-segment messages are walked, then the first 3 fit and the last 2 are over', () => {
    expect(fitToBudget(Array(5).fill(DOMESTIC), priced(3 * 480))).toEqual({ over: [3, 4], estimatedMinor: 3 * 480 });
  });

  it('given exactly enough, then nothing is over: a message that costs all that is left still fits', () => {
    expect(fitToBudget([DOMESTIC, LONG], priced(480 + 2 * 530))).toEqual({ over: [], estimatedMinor: 1_540 });
  });

  it('given a message the rest does not cover, when a cheaper one follows, then the walk goes on and the cheaper one fits', () => {
    // 1,000 left: the two-segment message (1,060) is over, the one-segment one after it (480) fits.
    expect(fitToBudget([LONG, DOMESTIC, ABROAD], priced(1_000))).toEqual({ over: [0, 2], estimatedMinor: 480 });
  });

  it('given nothing available (or less than nothing: held sends beyond the report), then every priced message is over', () => {
    expect(fitToBudget([DOMESTIC, DOMESTIC], priced(0)).over).toEqual([0, 1]);
    expect(fitToBudget([DOMESTIC], priced(-480)).over).toEqual([0]);
  });

  it('given a message without a price, then it is never over and costs nothing here: the reservation decides it', () => {
    const partial: SendBudget = { availableMinor: 480, unitPriceMinor: (country) => (country === 'CN' ? 480 : null) };
    expect(fitToBudget([ABROAD, DOMESTIC, ABROAD, DOMESTIC], partial)).toEqual({ over: [3], estimatedMinor: 480 });
  });

  it('estimates what accepted messages will cost: segments × unit price, priced ones only', () => {
    const price = unitPricer(VERSIONS, NOW, 'verification', 'CNY');
    if (!price) throw new Error('no version in force');
    expect(estimateMinor([DOMESTIC, LONG, ABROAD], price)).toBe(480 + 2 * 530 + 4_000);
    expect(estimateMinor([DOMESTIC], () => null)).toBe(0);
  });
});
