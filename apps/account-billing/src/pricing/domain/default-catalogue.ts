import { parseMoney } from '@sms/contracts';
import type { CatalogueVersion, PriceEntry } from './price-catalogue';

/** When the built-in versions were published on a new install: the epoch, so they are in force from any clock. */
export const BUILT_IN_PUBLISHED_AT = '1970-01-01T00:00:00.000Z';
/** Who publishes the built-in table (an operator's key id otherwise). */
export const BUILT_IN_PUBLISHER = 'built-in';

/**
 * Version 1, the placeholder the first installs seeded: domestic verification/notification/marketing at 0.0450 per
 * segment, international to any country at 0.5000, in CNY. Never changed: existing data dirs hold it under a fixed
 * event id, and a new install seeds the same event.
 */
export const DEFAULT_CATALOGUE: CatalogueVersion = {
  version: 1,
  currency: 'CNY',
  effectiveAt: '1970-01-01T00:00:00.000Z',
  prices: [
    { kind: 'verification', country: 'CN', unitPriceMinor: 450n },
    { kind: 'notification', country: 'CN', unitPriceMinor: 450n },
    { kind: 'marketing', country: 'CN', unitPriceMinor: 450n },
    { kind: 'international', country: '*', unitPriceMinor: 5000n },
  ],
};
export const DEFAULT_CATALOGUE_PUBLISHED_AT = BUILT_IN_PUBLISHED_AT;

/** International prices per segment in CNY, by destination (ISO 3166-1 alpha-2), as a cloud SMS provider lists them. */
const INTERNATIONAL: ReadonlyArray<[country: string, unitPrice: string]> = [
  // Asia-Pacific
  ['HK', '0.3500'], ['MO', '0.3000'], ['TW', '0.4500'], ['JP', '0.5500'], ['KR', '0.3500'], ['SG', '0.3200'],
  ['MY', '0.3200'], ['TH', '0.1800'], ['VN', '0.5200'], ['PH', '0.1600'], ['ID', '0.3200'], ['IN', '0.0850'],
  ['PK', '0.2300'], ['BD', '0.2900'], ['LK', '0.6500'], ['NP', '0.6300'], ['MM', '0.8500'], ['KH', '0.5800'],
  ['LA', '0.5500'], ['MN', '0.4000'], ['KZ', '1.3000'], ['UZ', '1.4000'], ['AU', '0.3000'], ['NZ', '0.6300'],
  // Middle East and Africa
  ['AE', '0.2800'], ['SA', '0.2300'], ['QA', '0.3500'], ['KW', '0.4000'], ['IL', '0.3500'], ['TR', '0.1500'],
  ['EG', '0.6800'], ['NG', '0.6500'], ['KE', '0.4600'], ['ZA', '0.1600'], ['MA', '0.6500'],
  // Europe
  ['GB', '0.2900'], ['DE', '0.6000'], ['FR', '0.5000'], ['IT', '0.5500'], ['ES', '0.5200'], ['NL', '0.7000'],
  ['BE', '0.6500'], ['CH', '0.4500'], ['SE', '0.3900'], ['NO', '0.3800'], ['PL', '0.2600'], ['RU', '2.1000'],
  ['UA', '1.3000'],
  // Americas
  ['US', '0.0800'], ['CA', '0.0800'], ['MX', '0.3400'], ['BR', '0.1800'], ['AR', '0.4200'], ['CL', '0.3800'],
  ['CO', '0.1300'], ['PE', '0.4000'],
];

function minor(decimal: string): bigint {
  const amount = parseMoney(decimal);
  if (amount === null) throw new TypeError(`Not a price: ${decimal}`);
  return amount;
}

/**
 * Version 2, the built-in table: domestic kinds for CN as before (0.0450 per segment; no line per operator, as the
 * big providers price all four alike); rich-media and smart cards for CN, priced per message (one billed unit,
 * DOMAIN §4); international per destination country, with a fallback '*' for every country not listed (mostly
 * routes that cost more). Its effectiveAt and publishedAt are set when it is seeded (ADR 0024).
 */
export const DEFAULT_TABLE_VERSION = 2;
export const DEFAULT_TABLE_PRICES: readonly PriceEntry[] = [
  { kind: 'verification', country: 'CN', unitPriceMinor: 450n },
  { kind: 'notification', country: 'CN', unitPriceMinor: 450n },
  { kind: 'marketing', country: 'CN', unitPriceMinor: 450n },
  { kind: 'rich-media', country: 'CN', unitPriceMinor: 2000n },
  { kind: 'smart', country: 'CN', unitPriceMinor: 1000n },
  ...INTERNATIONAL.map(([country, price]): PriceEntry => ({ kind: 'international', country, unitPriceMinor: minor(price) })),
  { kind: 'international', country: '*', unitPriceMinor: 8000n },
];
