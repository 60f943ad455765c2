import { InvalidPayloadError, parseAccountBalance, parsePriceCatalogue } from './balance-payloads';

const report = { accountId: 'acc-1', balanceMinor: 1_350, availableMinor: 900, revision: 7, at: '2026-11-23T10:00:00.000Z' };
const catalogue = {
  version: 2,
  currency: 'CNY',
  effectiveAt: '2026-12-01T08:00:00+08:00',
  publishedAt: '2026-10-01T00:00:00.000Z',
  prices: [
    { kind: 'verification', country: 'CN', unitPriceMinor: 450 },
    { kind: 'international', country: 'GB', operator: 'VODAFONE', unitPriceMinor: 4_000 },
  ],
};

describe('consumed balance reports and price catalogues, checked at the edge', () => {
  it('passes a well-formed balance report, arrears included', () => {
    expect(parseAccountBalance(report)).toEqual(report);
    expect(parseAccountBalance({ ...report, balanceMinor: -450, availableMinor: -900 })).toMatchObject({ availableMinor: -900 });
  });

  it.each([
    ['not an object', null],
    ['accountId', { ...report, accountId: '' }],
    ['balanceMinor', { ...report, balanceMinor: '1350' }],
    ['availableMinor', { ...report, availableMinor: 1.5 }],
    ['availableMinor', { ...report, availableMinor: 2 ** 53 }],
    ['revision', { ...report, revision: -1 }],
    ['at', { ...report, at: 'yesterday' }],
  ])('refuses a balance report with a bad %s', (problem, data) => {
    expect(() => parseAccountBalance(data)).toThrow(new InvalidPayloadError('sms.account-balance.v1', problem));
  });

  it('passes a catalogue version with its times in UTC (versions are picked by comparing them) and only the fields a lookup reads', () => {
    const parsed = parsePriceCatalogue({ ...catalogue, prices: [{ ...catalogue.prices[0], note: 'dropped' }, catalogue.prices[1]] });
    expect(parsed).toEqual({ ...catalogue, effectiveAt: '2026-12-01T00:00:00.000Z' });
  });

  it.each([
    ['not an object', []],
    ['version', { ...catalogue, version: 'two' }],
    ['currency', { ...catalogue, currency: '' }],
    ['effectiveAt', { ...catalogue, effectiveAt: 'soon' }],
    ['publishedAt', { ...catalogue, publishedAt: undefined }],
    ['prices', { ...catalogue, prices: {} }],
    ['prices[1]', { ...catalogue, prices: [catalogue.prices[0], { kind: 'verification', country: 'CN', unitPriceMinor: -1 }] }],
    ['prices[0]', { ...catalogue, prices: [{ kind: 'verification', country: 'CHINA', unitPriceMinor: 1 }] }],
    ['prices[0]', { ...catalogue, prices: [{ kind: 'verification', country: 'CN', operator: 7, unitPriceMinor: 1 }] }],
  ])('refuses a catalogue with a bad %s', (problem, data) => {
    expect(() => parsePriceCatalogue(data)).toThrow(new InvalidPayloadError('sms.price-catalogue.v1', problem));
  });
});
