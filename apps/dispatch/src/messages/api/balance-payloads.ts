import { ACCOUNT_BALANCE_V1, type AccountBalanceV1, PRICE_CATALOGUE_V1, type PriceCatalogueV1 } from '@sms/contracts';

/**
 * Shape checks of the consumed balance reports and price catalogues at the edge: a malformed one goes to the
 * dead-letter topic instead of the view a send is estimated against. Hand-written rather than class-validator, like
 * the other per-batch payloads: a balance report follows every reservation and capture flush.
 */
export class InvalidPayloadError extends Error {
  constructor(eventType: string, problem: string) {
    super(`Invalid ${eventType} payload: ${problem}`);
    this.name = 'InvalidPayloadError';
  }
}

/** Price lines a catalogue version may hold: a per-country table for every kind, with operator lines, fits easily. */
const MAX_PRICE_LINES = 10_000;

const isText = (value: unknown, max = 200): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;
const isMinor = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** An RFC 3339 time, answered as UTC `…Z`: versions are picked by comparing these as strings. */
const utc = (value: unknown): string | undefined => {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
};

export function parseAccountBalance(data: unknown): AccountBalanceV1 {
  const fail = (problem: string): never => {
    throw new InvalidPayloadError(ACCOUNT_BALANCE_V1, problem);
  };
  if (!isRecord(data)) return fail('not an object');
  if (!isText(data.accountId)) fail('accountId');
  // Either may be below zero: arrears from an adjustment (DOMAIN §4).
  if (!isMinor(data.balanceMinor)) fail('balanceMinor');
  if (!isMinor(data.availableMinor)) fail('availableMinor');
  if (!isMinor(data.revision) || (data.revision as number) < 0) fail('revision');
  const at = utc(data.at) ?? fail('at');
  return { accountId: data.accountId as string, balanceMinor: data.balanceMinor as number, availableMinor: data.availableMinor as number, revision: data.revision as number, at };
}

export function parsePriceCatalogue(data: unknown): PriceCatalogueV1 {
  const fail = (problem: string): never => {
    throw new InvalidPayloadError(PRICE_CATALOGUE_V1, problem);
  };
  if (!isRecord(data)) return fail('not an object');
  if (!isMinor(data.version) || (data.version as number) < 0) fail('version');
  if (!isText(data.currency, 8)) fail('currency');
  const effectiveAt = utc(data.effectiveAt) ?? fail('effectiveAt');
  const publishedAt = utc(data.publishedAt) ?? fail('publishedAt');
  if (!Array.isArray(data.prices) || data.prices.length > MAX_PRICE_LINES) return fail('prices');
  const prices = (data.prices as unknown[]).map((line, i) => {
    if (
      !isRecord(line) ||
      !isText(line.kind, 32) ||
      !isText(line.country, 3) ||
      (line.operator !== undefined && !isText(line.operator, 32)) ||
      !isMinor(line.unitPriceMinor) ||
      line.unitPriceMinor < 0
    ) {
      return fail(`prices[${i}]`);
    }
    // Whitelisted: only what a lookup reads is kept.
    return { kind: line.kind, country: line.country, ...(line.operator !== undefined ? { operator: line.operator } : {}), unitPriceMinor: line.unitPriceMinor };
  });
  return { version: data.version as number, currency: data.currency as string, effectiveAt, publishedAt, prices };
}
