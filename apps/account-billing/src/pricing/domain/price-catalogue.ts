import { formatMoney, MESSAGE_KINDS, type MessageKind, parseMoney } from '@sms/contracts';
import { isCountryCode, lookupPrice as lookupLine, nextVersionWithin, PRICED_OPERATORS, versionInForce } from '@sms/sms';
import { accept, type Decider, type Decision, reject } from '@sms/use-case-kit/core';
import { BUILT_IN_PUBLISHED_AT, BUILT_IN_PUBLISHER, DEFAULT_CATALOGUE, DEFAULT_TABLE_PRICES, DEFAULT_TABLE_VERSION } from './default-catalogue';

export { DEFAULT_CATALOGUE, DEFAULT_CATALOGUE_PUBLISHED_AT, DEFAULT_TABLE_PRICES, DEFAULT_TABLE_VERSION } from './default-catalogue';

/**
 * The published price catalogue (DOMAIN.md §4, terms §2.2–§2.3), one stream `price-catalogue`. Each published version
 * is a whole catalogue, in force from its `effectiveAt` until the next version's. Prices are per billed unit (one
 * segment; one message for rich-media and smart) in minor units.
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

/** A version as published: when, by whom, and under which Idempotency-Key. */
export interface PublishedVersion extends CatalogueVersion {
  publishedAt: string;
  /** Key id of the operator who announced it; `built-in` for the seeded table; absent on version 1. */
  publishedBy?: string;
  /** The announcement's Idempotency-Key and the SHA-256 of its request: a retry is answered with this version. */
  idempotencyKey?: string;
  requestHash?: string;
}

export interface PriceCataloguePublished {
  type: 'PriceCataloguePublished';
  data: PublishedVersion;
}

export interface CatalogueState {
  /** Published versions ordered by effectiveAt (then version). */
  versions: PublishedVersion[];
}

export const initialCatalogueState = (): CatalogueState => ({ versions: [] });

/** A version number published again (the republished version 1, ADR 0024) replaces itself. */
export function evolveCatalogue(state: CatalogueState, event: PriceCataloguePublished): CatalogueState {
  const version = event.data;
  const versions = [...state.versions.filter((v) => v.version !== version.version), version];
  versions.sort((a, b) => a.effectiveAt.localeCompare(b.effectiveAt) || a.version - b.version);
  return { versions };
}

/** At every start: brings the stream to the built-in table, once (the decision is a no-op once version 2 exists). */
export interface SeedCatalogue {
  type: 'SeedCatalogue';
  at: Date;
  /** PRICE_NOTICE_DAYS: what an install that already charges version 1 owes its customers before the table applies. */
  noticeDays: number;
}

/** POST /v1/price-changes: a whole new catalogue, in force from `effectiveAt`. */
export interface AnnouncePriceChange {
  type: 'AnnouncePriceChange';
  effectiveAt: string;
  /** Absent: the currency of the latest version. */
  currency?: string;
  prices: PriceEntry[];
  at: Date;
  /** PRICE_NOTICE_DAYS (terms §2.3). */
  noticeDays: number;
  /** PRICE_RESERVATION_HORIZON_HOURS in ms: versions take effect at least this far apart (see announce). */
  minimumGapMs: number;
  publishedBy: string;
  idempotencyKey?: string;
  requestHash?: string;
}

export type CatalogueCommand = SeedCatalogue | AnnouncePriceChange;
export type CatalogueRejectionCode = 'VALIDATION_FAILED' | 'NOTICE_PERIOD_NOT_MET' | 'IDEMPOTENCY_KEY_REUSED';
type CatalogueDecision = Decision<PriceCataloguePublished, CatalogueRejectionCode>;

const DAY_MS = 86_400_000;
/** Lines of one version: a whole world of countries × kinds with room for operator lines. */
export const MAX_PRICE_LINES = 2_000;
/** 1,000.0000 per unit: more is a typo, and reservations (segments × price) stay far from 2^53. */
export const MAX_UNIT_PRICE_MINOR = 10_000_000n;
const MAX_PROBLEMS = 20;
const EARLIEST_TIME = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST_TIME = Date.parse('9999-12-31T23:59:59.999Z');

const published = (data: PublishedVersion): PriceCataloguePublished => ({ type: 'PriceCataloguePublished', data });
const isoAfter = (at: Date, ms: number): string => new Date(at.getTime() + ms).toISOString();

/**
 * Seeding (ADR 0024). A new install (empty stream) gets version 1 and the built-in table as version 2, both in force
 * since the epoch — nobody was charged yet, so no notice is owed. An install that seeded version 1 before the table
 * existed has customers charged by it: the table is announced like any price change (terms §2.3), in force
 * PRICE_NOTICE_DAYS after this start; version 1 is republished with it, because the outbox dropped catalogue events
 * until then and consumers (dispatch's estimate) never received the version in force.
 */
function seed(command: SeedCatalogue, state: CatalogueState): CatalogueDecision {
  if (state.versions.some((v) => v.version === DEFAULT_TABLE_VERSION)) return accept();
  const table = (effectiveAt: string, publishedAt: string): PublishedVersion => ({
    version: DEFAULT_TABLE_VERSION,
    currency: DEFAULT_CATALOGUE.currency,
    effectiveAt,
    prices: [...DEFAULT_TABLE_PRICES],
    publishedAt,
    publishedBy: BUILT_IN_PUBLISHER,
  });
  const first = state.versions.find((v) => v.version === DEFAULT_CATALOGUE.version);
  if (!first) return accept(published({ ...DEFAULT_CATALOGUE, publishedAt: BUILT_IN_PUBLISHED_AT }), published(table(BUILT_IN_PUBLISHED_AT, BUILT_IN_PUBLISHED_AT)));
  return accept(published(first), published(table(isoAfter(command.at, command.noticeDays * DAY_MS), command.at.toISOString())));
}

/**
 * A price change (terms §2.3): announced at least the notice period before it takes effect, as the next version
 * number (a concurrent announcement decides again on the fresh stream and gets the number after). Two versions take
 * effect at least the reservation horizon apart, so a reservation — which knows one upcoming version — prices
 * every message submitted within that horizon exactly. The same Idempotency-Key of the same publisher with the
 * same request is answered with the version it announced; with another request it is refused.
 */
function announce(command: AnnouncePriceChange, state: CatalogueState): CatalogueDecision {
  if (command.idempotencyKey !== undefined) {
    const earlier = findAnnouncement(state, command.publishedBy, command.idempotencyKey);
    if (earlier) {
      return earlier.requestHash === command.requestHash
        ? accept()
        : reject('IDEMPOTENCY_KEY_REUSED', `This Idempotency-Key announced version ${earlier.version} with a different request body`);
    }
  }
  const problems = priceLineProblems(command.prices);
  const effective = Date.parse(command.effectiveAt);
  if (!(effective >= EARLIEST_TIME && effective <= LATEST_TIME)) problems.unshift('effectiveAt: must be an RFC 3339 time with a four-digit year');
  const latest = latestVersion(state);
  const currency = command.currency ?? latest?.currency ?? DEFAULT_CATALOGUE.currency;
  if (!/^[A-Z]{3}$/.test(currency)) problems.unshift('currency: must be an ISO 4217 code such as CNY');
  else if (latest && currency !== latest.currency) {
    problems.unshift(`currency: the catalogue is priced in ${latest.currency}; a version in ${currency} would leave every ${latest.currency} account without a price`);
  }
  if (problems.length > 0) return reject('VALIDATION_FAILED', summarise(problems));

  const earliest = command.at.getTime() + command.noticeDays * DAY_MS;
  if (effective < earliest) {
    return reject(
      'NOTICE_PERIOD_NOT_MET',
      `A price change must be announced at least ${command.noticeDays} days before it takes effect (terms §2.3): effectiveAt must not be before ${new Date(earliest).toISOString()}.`,
    );
  }
  const near = state.versions.find((v) => Math.abs(Date.parse(v.effectiveAt) - effective) < command.minimumGapMs);
  if (near) {
    const hours = command.minimumGapMs / 3_600_000;
    return reject('VALIDATION_FAILED', `effectiveAt: version ${near.version} takes effect at ${near.effectiveAt}; versions take effect at least ${hours} h apart (PRICE_RESERVATION_HORIZON_HOURS)`);
  }
  return accept(
    published({
      version: (latest?.version ?? 0) + 1,
      currency,
      effectiveAt: new Date(effective).toISOString(),
      prices: command.prices.map((p) => ({ kind: p.kind, country: p.country, ...(p.operator !== undefined ? { operator: p.operator } : {}), unitPriceMinor: p.unitPriceMinor })),
      publishedAt: command.at.toISOString(),
      publishedBy: command.publishedBy,
      ...(command.idempotencyKey !== undefined ? { idempotencyKey: command.idempotencyKey, requestHash: command.requestHash } : {}),
    }),
  );
}

export const catalogueDecider: Decider<CatalogueCommand, PriceCataloguePublished, CatalogueState, CatalogueRejectionCode> = {
  initialState: initialCatalogueState,
  evolve: evolveCatalogue,
  decide: (command, state) => (command.type === 'SeedCatalogue' ? seed(command, state) : announce(command, state)),
};

/** A price line as a request states it: the unit price a decimal string of at most 4 places. */
export interface PriceLineInput {
  kind: string;
  country: string;
  operator?: string;
  unitPrice: string;
}

type CheckedLine = { kind: string; country: string; operator?: string; unitPriceMinor: bigint | null };

/**
 * Reads the lines of a request: every problem named by its line (unknown kind, country code, operator, malformed or
 * non-positive price, a kind priced where it cannot be sent, a line given twice), or the lines.
 */
export function readPriceLines(input: readonly PriceLineInput[]): { ok: true; prices: PriceEntry[] } | { ok: false; detail: string } {
  const lines: CheckedLine[] = input.map((line) => ({
    kind: line.kind,
    country: line.country,
    ...(line.operator !== undefined ? { operator: line.operator } : {}),
    unitPriceMinor: typeof line.unitPrice === 'string' && /^\d+(\.\d+)?$/.test(line.unitPrice) ? parseMoney(line.unitPrice) : null,
  }));
  const problems = priceLineProblems(lines);
  if (problems.length > 0) return { ok: false, detail: summarise(problems) };
  return { ok: true, prices: lines as PriceEntry[] };
}

/** What is wrong with a version's lines; empty when nothing is. */
export function priceLineProblems(prices: readonly CheckedLine[]): string[] {
  const problems: string[] = [];
  if (prices.length === 0) problems.push('prices: a version needs at least one price');
  if (prices.length > MAX_PRICE_LINES) problems.push(`prices: at most ${MAX_PRICE_LINES} lines`);
  const seen = new Map<string, number>();
  prices.forEach((line, i) => {
    const at = `prices[${i}]`;
    const kindKnown = (MESSAGE_KINDS as readonly string[]).includes(line.kind);
    if (!kindKnown) problems.push(`${at}.kind: unknown kind ${quote(line.kind)}; one of ${MESSAGE_KINDS.join(', ')}`);
    if (line.country !== '*' && !isCountryCode(line.country)) {
      problems.push(`${at}.country: ${quote(line.country)} is not an ISO 3166-1 alpha-2 code, nor '*' (every country not listed)`);
    } else if (kindKnown && line.kind === 'international' && line.country === 'CN') {
      problems.push(`${at}: international is for destinations outside China; price CN under its domestic kinds`);
    } else if (kindKnown && line.kind !== 'international' && line.country !== 'CN') {
      problems.push(`${at}: ${line.kind} is priced for CN only; messages abroad are international`);
    }
    if (line.operator !== undefined) {
      if (!(PRICED_OPERATORS as readonly string[]).includes(line.operator)) problems.push(`${at}.operator: ${quote(line.operator)} is not one of ${PRICED_OPERATORS.join(', ')}`);
      else if (line.country !== 'CN') problems.push(`${at}.operator: operators are priced apart in CN only`);
    }
    if (line.unitPriceMinor === null) problems.push(`${at}.unitPrice: not a decimal amount with at most 4 decimal places, e.g. "0.0450"`);
    else if (line.unitPriceMinor <= 0n) problems.push(`${at}.unitPrice: must be greater than 0`);
    else if (line.unitPriceMinor > MAX_UNIT_PRICE_MINOR) problems.push(`${at}.unitPrice: at most ${formatMoney(MAX_UNIT_PRICE_MINOR)} per unit`);
    const key = `${line.kind}\u0000${line.country}\u0000${line.operator ?? ''}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else problems.push(`${at}: repeats prices[${first}] (${quote(line.kind)} to ${quote(line.country)}${line.operator !== undefined ? ` via ${quote(line.operator)}` : ''})`);
  });
  return problems;
}

const quote = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…"` : text;
};

function summarise(problems: string[]): string {
  const shown = problems.slice(0, MAX_PROBLEMS).join(' | ');
  return problems.length > MAX_PROBLEMS ? `${shown} | … and ${problems.length - MAX_PROBLEMS} more` : shown;
}

/** The version announced under this publisher's Idempotency-Key, if any. */
export function findAnnouncement(state: CatalogueState, publishedBy: string, idempotencyKey: string): PublishedVersion | undefined {
  return state.versions.find((v) => v.idempotencyKey === idempotencyKey && v.publishedBy === publishedBy);
}

/** The version with the highest number (the last published). */
export function latestVersion(state: CatalogueState): PublishedVersion | undefined {
  return state.versions.reduce<PublishedVersion | undefined>((latest, v) => (!latest || v.version > latest.version ? v : latest), undefined);
}

/** The version in force at `at`: the latest whose effectiveAt is not after it. */
export function catalogueInForce(state: CatalogueState, at: Date): PublishedVersion | undefined {
  return versionInForce(state.versions, at.toISOString());
}

/** The version taking effect after `at` and within `horizonMs` of it (the next one only), as it will be in force. */
export function catalogueTakingEffectWithin(state: CatalogueState, at: Date, horizonMs: number): PublishedVersion | undefined {
  return nextVersionWithin(state.versions, at.toISOString(), new Date(at.getTime() + horizonMs).toISOString());
}

export type VersionStatus = 'SCHEDULED' | 'IN_FORCE' | 'SUPERSEDED';

/** Where a version stands at `at`: announced and not yet in force, in force, or replaced by a later one. */
export function versionStatus(state: CatalogueState, version: CatalogueVersion, at: Date): VersionStatus {
  if (version.effectiveAt > at.toISOString()) return 'SCHEDULED';
  return catalogueInForce(state, at)?.version === version.version ? 'IN_FORCE' : 'SUPERSEDED';
}

/** Whether `ms` is a time the catalogue can compare (RFC 3339 with a four-digit year). */
export function isCatalogueTime(ms: number): boolean {
  return ms >= EARLIEST_TIME && ms <= LATEST_TIME;
}

/** The catalogue's price for one message's unit (most specific line first; libs/sms holds the rule dispatch shares). */
export function lookupPrice(version: CatalogueVersion, kind: string, country: string, operator?: string): bigint | null {
  return lookupLine(version.prices, kind, country, operator);
}
