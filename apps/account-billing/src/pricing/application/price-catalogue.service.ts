import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { CLOCK, type Clock, deterministicId } from '@sms/service-kit';
import { CommandHandler, type HandleResult } from '@sms/use-case-kit';
import { catalogueEventCodec } from '../../account-billing.codec';
import { AccountBillingConfig } from '../../account-billing.config';
import {
  type AnnouncePriceChange,
  catalogueDecider,
  catalogueInForce,
  type CatalogueRejectionCode,
  type CatalogueState,
  catalogueTakingEffectWithin,
  type CatalogueVersion,
  DEFAULT_CATALOGUE,
  DEFAULT_TABLE_VERSION,
  lookupPrice,
  PRICE_CATALOGUE_STREAM,
  type PriceCataloguePublished,
  type PublishedVersion,
} from '../domain/price-catalogue';

/** Fixed, so every start (and every replica) seeds the same event and the store keeps only the first. */
export const DEFAULT_CATALOGUE_EVENT_ID = deterministicId('account-billing', PRICE_CATALOGUE_STREAM, 'default', String(DEFAULT_CATALOGUE.version));
/** The built-in table (version 2), and version 1 republished with it on an install that had version 1 only (ADR 0024). */
export const DEFAULT_TABLE_EVENT_ID = deterministicId('account-billing', PRICE_CATALOGUE_STREAM, 'default', String(DEFAULT_TABLE_VERSION));
export const REPUBLISHED_CATALOGUE_EVENT_ID = deterministicId('account-billing', PRICE_CATALOGUE_STREAM, 'default', String(DEFAULT_CATALOGUE.version), 'republished');

/**
 * How often a process reads catalogue versions other processes published. A version takes effect at least
 * PRICE_NOTICE_DAYS after it is announced, so a minute of staleness never prices a message by the wrong version
 * (with PRICE_NOTICE_DAYS=0 it can, for at most this long).
 */
export const CATALOGUE_REFRESH_MS = 60_000;

export type Pricer = (kind: string, country: string, operator?: string) => bigint | null;
export interface PricedVersion {
  version: number;
  currency: string;
  effectiveAt: string;
  price: Pricer;
}

/**
 * The price catalogue read from its stream and held in memory; lookups are memoised per version because a batch
 * prices up to 1,000 messages that mostly share a destination. Seeds the built-in versions at start, publishes
 * announced changes through the catalogue decider (and uses the state that append produced), and reads what other
 * processes published every CATALOGUE_REFRESH_MS.
 */
@Injectable()
export class PriceCatalogueService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PriceCatalogue');
  private readonly catalogue: CommandHandler<PriceCataloguePublished, CatalogueState>;
  private readonly settings: AccountBillingConfig;
  private state: CatalogueState = catalogueDecider.initialState();
  private revision = -1n;
  private loading?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private readonly memo = new Map<CatalogueVersion, Map<string, bigint | null>>();

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() settings?: AccountBillingConfig,
  ) {
    this.settings = settings ?? new AccountBillingConfig();
    this.catalogue = new CommandHandler({ store, codec: catalogueEventCodec, evolve: catalogueDecider.evolve, initialState: catalogueDecider.initialState });
  }

  async onModuleInit(): Promise<void> {
    await this.ready();
    this.timer = setInterval(() => this.refresh().catch((error: unknown) => this.logger.warn(`refresh failed, next in ${CATALOGUE_REFRESH_MS / 1000} s: ${String(error)}`)), CATALOGUE_REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Seeds and loads once; consumers that start first wait on the same promise. */
  ready(): Promise<void> {
    this.loading ??= this.seedAndLoad().catch((error) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  async inForce(at: Date = this.clock.now()): Promise<PublishedVersion | undefined> {
    await this.ready();
    return catalogueInForce(this.state, at);
  }

  /** Every published version, newest (highest number) first. */
  async versions(): Promise<PublishedVersion[]> {
    await this.ready();
    return [...this.state.versions].sort((a, b) => b.version - a.version);
  }

  /** The catalogue state as loaded (for status and listing decisions). */
  async current(): Promise<CatalogueState> {
    await this.ready();
    return this.state;
  }

  async currencies(): Promise<string[]> {
    await this.ready();
    return [...new Set(this.state.versions.map((v) => v.currency))];
  }

  /** A price function for the catalogue in force at `at`, with its currency; null when nothing is in force. */
  async pricerAt(at: Date): Promise<{ currency: string; price: Pricer } | null> {
    const version = await this.inForce(at);
    return version ? this.priced(version) : null;
  }

  /**
   * The version taking effect after `at` and within `horizonMs` (the next one), priced: what a reservation made at
   * `at` may have to be captured at (terms §2.3, priced at submission). Null when no change is due in the horizon.
   */
  async nextWithin(at: Date, horizonMs: number): Promise<PricedVersion | null> {
    await this.ready();
    const version = catalogueTakingEffectWithin(this.state, at, horizonMs);
    return version ? this.priced(version) : null;
  }

  /** Decides a price change on the stream (optimistic concurrency, retried on a conflict) and keeps what it appended. */
  async announce(command: AnnouncePriceChange): Promise<HandleResult<PriceCataloguePublished, CatalogueState, CatalogueRejectionCode>> {
    await this.ready();
    const result = await this.catalogue.handle(PRICE_CATALOGUE_STREAM, (state) => catalogueDecider.decide(command, state));
    if (result.ok) this.use(result);
    return result;
  }

  /** Reads catalogue events published since the last load (this process or another). */
  async refresh(): Promise<void> {
    await this.ready();
    this.use(await this.catalogue.load(PRICE_CATALOGUE_STREAM));
  }

  private priced(version: PublishedVersion): PricedVersion {
    let memo = this.memo.get(version);
    if (!memo) {
      memo = new Map();
      this.memo.set(version, memo);
    }
    const cache = memo;
    return {
      version: version.version,
      currency: version.currency,
      effectiveAt: version.effectiveAt,
      price: (kind, country, operator) => {
        const key = `${kind}|${country}|${operator ?? ''}`;
        let price = cache.get(key);
        if (price === undefined) {
          price = lookupPrice(version, kind, country, operator);
          cache.set(key, price);
        }
        return price;
      },
    };
  }

  private async seedAndLoad(): Promise<void> {
    const seed = { type: 'SeedCatalogue' as const, at: this.clock.now(), noticeDays: this.settings.PRICE_NOTICE_DAYS };
    let fresh = false;
    const result = await this.catalogue.handle(
      PRICE_CATALOGUE_STREAM,
      (state) => {
        fresh = state.versions.length === 0;
        return catalogueDecider.decide(seed, state);
      },
      { eventId: (_index, event) => seedEventId(event.data.version, fresh) },
    );
    if (!result.ok) throw new Error(`Seeding the price catalogue was refused: ${result.rejection.code}`);
    this.use(result);
  }

  private use(loaded: { state: CatalogueState; revision: bigint }): void {
    this.state = loaded.state;
    if (loaded.revision !== this.revision) this.memo.clear();
    this.revision = loaded.revision;
  }
}

/** Fixed ids of the seeded events: a replica seeding at the same moment appends the same ids, which the store keeps once. */
function seedEventId(version: number, fresh: boolean): string {
  if (version === DEFAULT_TABLE_VERSION) return DEFAULT_TABLE_EVENT_ID;
  return fresh ? DEFAULT_CATALOGUE_EVENT_ID : REPUBLISHED_CATALOGUE_EVENT_ID;
}
