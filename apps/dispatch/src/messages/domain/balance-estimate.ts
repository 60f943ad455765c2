import { lookupPrice, type PriceLine, versionInForce } from '@sms/sms';

/**
 * Dispatch's estimate, at acceptance, of whether the account's available balance covers a send (DOMAIN §4 Arrears,
 * §7.2/§7.3.3). It only ever predicts the reservation, which stays the authority: where the view knows too little (no
 * balance reported, no price in force, another currency) it says nothing and the reservation decides.
 */

/** A price catalogue version as account-billing published it (`sms.price-catalogue.v1`), amounts in minor units. */
export interface PriceVersion {
  version: number;
  currency: string;
  /** RFC 3339 UTC: in force from then until the next version's effectiveAt. */
  effectiveAt: string;
  prices: ReadonlyArray<PriceLine<number>>;
}

/** What one segment of a message to this destination costs, or null when the view has no price for it. */
export type UnitPricer = (countryCode: string, operator: string) => number | null;

/** What a send may still cost, and what each of its messages costs. */
export interface SendBudget {
  /** The account's available balance as last reported, less what was accepted since and is not yet reserved. */
  availableMinor: number;
  unitPriceMinor: UnitPricer;
}

/** What the estimate needs of an accepted message. */
export interface Billable {
  segments: number;
  countryCode: string;
  operator: string;
}

export interface BudgetFit {
  /** Indexes (ascending) of the messages the budget does not cover. */
  over: number[];
  /** What the covered messages are estimated to cost (priced ones only). */
  estimatedMinor: number;
}

/** The order billing keeps its versions in: by effectiveAt, then version. */
export function compareVersions(a: Pick<PriceVersion, 'effectiveAt' | 'version'>, b: Pick<PriceVersion, 'effectiveAt' | 'version'>): number {
  return a.effectiveAt < b.effectiveAt ? -1 : a.effectiveAt > b.effectiveAt ? 1 : a.version - b.version;
}

/**
 * The unit prices of `kind` in the version in force at `at` (the rule billing prices a reservation by, libs/sms), for
 * an account in `currency`; undefined when no version is in force or it is in another currency (billing would not
 * price it either: PRICE_NOT_FOUND). Lookups are memoised: a batch mostly repeats one or two destinations.
 */
export function unitPricer(sortedVersions: readonly PriceVersion[], at: string, kind: string, currency: string): UnitPricer | undefined {
  const version = versionInForce(sortedVersions, at);
  if (!version || version.currency !== currency) return undefined;
  // By country, then operator: two lookups of short strings, no key built per recipient.
  const memo = new Map<string, Map<string, number | null>>();
  return (countryCode, operator) => {
    let byOperator = memo.get(countryCode);
    if (!byOperator) {
      byOperator = new Map();
      memo.set(countryCode, byOperator);
    }
    let price = byOperator.get(operator);
    if (price === undefined) {
      price = lookupPrice(version.prices, kind, countryCode, operator);
      byOperator.set(operator, price);
    }
    return price;
  };
}

/**
 * Walks the messages in request order and charges each one's segments × unit price against the budget; a message
 * the rest no longer covers is over, and the walk goes on — a later, cheaper message may still fit. (Billing stops
 * at the first message it cannot cover; here the messages that are over never reach it, so what billing then walks
 * is exactly what was covered.) A message without a price is never over and costs nothing here.
 */
export function fitToBudget(messages: readonly Billable[], budget: SendBudget): BudgetFit {
  const over: number[] = [];
  let left = budget.availableMinor;
  let estimatedMinor = 0;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    const unit = budget.unitPriceMinor(message.countryCode, message.operator);
    if (unit === null) continue;
    const cost = message.segments * unit;
    if (cost > left) {
      over.push(i);
      continue;
    }
    left -= cost;
    estimatedMinor += cost;
  }
  return { over, estimatedMinor };
}

/** What the estimate says of messages already decided: the sum of their segments × unit price (priced ones only). */
export function estimateMinor(messages: readonly Billable[], unitPriceMinor: UnitPricer): number {
  let total = 0;
  for (const message of messages) {
    const unit = unitPriceMinor(message.countryCode, message.operator);
    if (unit !== null) total += message.segments * unit;
  }
  return total;
}
