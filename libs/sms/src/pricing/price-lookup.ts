import { isSupportedCountry } from 'libphonenumber-js/max';

/** One line of a price catalogue: per billed unit (segment) in minor units. `country`: 'CN', ISO 3166 alpha-2, or '*'. */
export interface PriceLine<Amount = bigint> {
  kind: string;
  country: string;
  operator?: string;
  unitPriceMinor: Amount;
}

/**
 * The price of one message's unit, most specific line first: kind+country+operator, kind+country, kind+'*'. A
 * message to another country under a domestic kind (verification to +44…) is priced as international, since
 * domestic prices apply to 'CN' only. Shared by billing (the authority) and dispatch (its estimate at acceptance),
 * so both read a catalogue the same way.
 */
export function lookupPrice<Amount>(prices: ReadonlyArray<PriceLine<Amount>>, kind: string, country: string, operator?: string): Amount | null {
  const kinds = country !== 'CN' && kind !== 'international' ? [kind, 'international'] : [kind];
  for (const k of kinds) {
    let byCountry: PriceLine<Amount> | undefined;
    let anyCountry: PriceLine<Amount> | undefined;
    for (const entry of prices) {
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

/** The version in force at `at` (RFC 3339): the latest whose effectiveAt is not after it, of versions sorted by effectiveAt. */
export function versionInForce<V extends { effectiveAt: string }>(sortedVersions: readonly V[], at: string): V | undefined {
  let current: V | undefined;
  for (const version of sortedVersions) {
    if (version.effectiveAt <= at) current = version;
    else break;
  }
  return current;
}

/**
 * The version that takes effect next after `after` and no later than `until` (RFC 3339 both), as it will be in force
 * then (of two versions taking effect at the same instant, the later published wins, as in versionInForce); undefined
 * when none does. Versions sorted by effectiveAt, then version.
 */
export function nextVersionWithin<V extends { effectiveAt: string }>(sortedVersions: readonly V[], after: string, until: string): V | undefined {
  const next = sortedVersions.find((version) => version.effectiveAt > after);
  if (!next || next.effectiveAt > until) return undefined;
  return versionInForce(sortedVersions, next.effectiveAt);
}

/** Domestic operators a price line may name (DOMAIN §8); an international message's operator is never priced apart. */
export const PRICED_OPERATORS = ['CMCC', 'CUCC', 'CTCC', 'CBN'] as const;

/**
 * Whether a catalogue may name `code` as a destination: an ISO 3166-1 alpha-2 region numbers are parsed to (the
 * country a message carries is parsePhoneNumber's), in upper case.
 */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}
