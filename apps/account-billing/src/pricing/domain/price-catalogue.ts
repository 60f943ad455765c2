import type { MessageKind } from '@sms/contracts';
import { accept, type Decider } from '@sms/use-case-kit/core';

/**
 * The published price catalogue (DOMAIN.md §4), one stream `price-catalogue`. Each published version is in force
 * from its `effectiveAt` until the next version's. Prices are per billed unit (one segment) in minor units.
 */
export const PRICE_CATALOGUE_STREAM = 'price-catalogue';
export const PRICE_CATALOGUE_EVENT_TYPES = { PriceCataloguePublished: 'account-billing.PriceCataloguePublished.v1' } as const;

/** Destination: 'CN' (domestic), an ISO 3166 alpha-2 code, or '*' for any country. */
export interface PriceEntry {
  kind: MessageKind;
  country: string;
  operator?: string;
  unitPriceMinor: bigint;
}

export interface CatalogueVersion {
  version: number;
  currency: string;
  effectiveAt: string;
  prices: PriceEntry[];
}

export interface PriceCataloguePublished {
  type: 'PriceCataloguePublished';
  data: CatalogueVersion & { publishedAt: string };
}

/**
 * The catalogue seeded at first start: domestic verification/notification/marketing at 0.0450 per segment,
 * international to any country at 0.5000 per segment, in CNY. Fixed content and a fixed event id make seeding
 * idempotent across restarts and replicas.
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
export const DEFAULT_CATALOGUE_PUBLISHED_AT = '1970-01-01T00:00:00.000Z';

export interface CatalogueState {
  /** Published versions ordered by effectiveAt (then version). */
  versions: CatalogueVersion[];
}

export const initialCatalogueState = (): CatalogueState => ({ versions: [] });

export function evolveCatalogue(state: CatalogueState, event: PriceCataloguePublished): CatalogueState {
  const { publishedAt: _publishedAt, ...version } = event.data;
  const versions = [...state.versions.filter((v) => v.version !== version.version), version];
  versions.sort((a, b) => a.effectiveAt.localeCompare(b.effectiveAt) || a.version - b.version);
  return { versions };
}

export interface PublishCatalogue {
  type: 'PublishCatalogue';
  version: CatalogueVersion;
  publishedAt: string;
}

/**
 * A version number is published once: publishing it again (a restart or another replica seeding the default
 * catalogue) appends nothing.
 */
export const catalogueDecider: Decider<PublishCatalogue, PriceCataloguePublished, CatalogueState, never> = {
  initialState: initialCatalogueState,
  evolve: evolveCatalogue,
  decide: (command, state) =>
    state.versions.some((v) => v.version === command.version.version)
      ? accept<PriceCataloguePublished>()
      : accept<PriceCataloguePublished>({ type: 'PriceCataloguePublished', data: { ...command.version, publishedAt: command.publishedAt } }),
};

/** The version in force at `at`: the latest whose effectiveAt is not after it. */
export function catalogueInForce(state: CatalogueState, at: Date): CatalogueVersion | undefined {
  const iso = at.toISOString();
  let current: CatalogueVersion | undefined;
  for (const version of state.versions) {
    if (version.effectiveAt <= iso) current = version;
    else break;
  }
  return current;
}

/**
 * Most specific price first: kind+country+operator, kind+country, kind+'*'. A message to another country under a
 * domestic kind (verification to +44…) is priced as international, since domestic prices apply to 'CN' only.
 */
export function lookupPrice(version: CatalogueVersion, kind: string, country: string, operator?: string): bigint | null {
  const kinds = country !== 'CN' && kind !== 'international' ? [kind, 'international'] : [kind];
  for (const k of kinds) {
    let byCountry: PriceEntry | undefined;
    let anyCountry: PriceEntry | undefined;
    for (const entry of version.prices) {
      if (entry.kind !== k) continue;
      if (entry.country === country) {
        if (entry.operator !== undefined) {
          if (operator !== undefined && entry.operator === operator) return entry.unitPriceMinor;
        } else byCountry ??= entry;
      } else if (entry.country === '*' && entry.operator === undefined) anyCountry ??= entry;
    }
    const found = byCountry ?? anyCountry;
    if (found) return found.unitPriceMinor;
  }
  return null;
}
