import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { CLOCK, type Clock, deterministicId } from '@sms/service-kit';
import { CommandHandler } from '@sms/use-case-kit';
import { catalogueEventCodec } from '../../account-billing.codec';
import {
  catalogueDecider,
  catalogueInForce,
  type CatalogueState,
  type CatalogueVersion,
  DEFAULT_CATALOGUE,
  DEFAULT_CATALOGUE_PUBLISHED_AT,
  lookupPrice,
  PRICE_CATALOGUE_STREAM,
  type PriceCataloguePublished,
} from '../domain/price-catalogue';

/** Fixed, so every start (and every replica) seeds the same event and the store keeps only the first. */
export const DEFAULT_CATALOGUE_EVENT_ID = deterministicId('account-billing', PRICE_CATALOGUE_STREAM, 'default', String(DEFAULT_CATALOGUE.version));

export type Pricer = (kind: string, country: string, operator?: string) => bigint | null;

/**
 * The price catalogue read from its stream and held in memory; lookups are memoised per version because a batch
 * prices up to 1,000 messages that mostly share a destination. Seeds the default catalogue on first start.
 */
@Injectable()
export class PriceCatalogueService implements OnModuleInit {
  private readonly catalogue: CommandHandler<PriceCataloguePublished, CatalogueState>;
  private state: CatalogueState = catalogueDecider.initialState();
  private revision = -1n;
  private loading?: Promise<void>;
  private readonly memo = new Map<CatalogueVersion, Map<string, bigint | null>>();

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.catalogue = new CommandHandler({ store, codec: catalogueEventCodec, evolve: catalogueDecider.evolve, initialState: catalogueDecider.initialState });
  }

  async onModuleInit(): Promise<void> {
    await this.ready();
  }

  /** Seeds and loads once; consumers that start first wait on the same promise. */
  ready(): Promise<void> {
    this.loading ??= this.seedAndLoad().catch((error) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  async inForce(at: Date = this.clock.now()): Promise<CatalogueVersion | undefined> {
    await this.ready();
    return catalogueInForce(this.state, at);
  }

  async currencies(): Promise<string[]> {
    await this.ready();
    return [...new Set(this.state.versions.map((v) => v.currency))];
  }

  /** A price function for the catalogue in force at `at`, with its currency; null when nothing is in force. */
  async pricerAt(at: Date): Promise<{ currency: string; price: Pricer } | null> {
    const version = await this.inForce(at);
    if (!version) return null;
    let memo = this.memo.get(version);
    if (!memo) {
      memo = new Map();
      this.memo.set(version, memo);
    }
    const cache = memo;
    return {
      currency: version.currency,
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

  /** Reads catalogue events published since the last load (this process or another). */
  async refresh(): Promise<void> {
    this.use(await this.catalogue.load(PRICE_CATALOGUE_STREAM));
  }

  private async seedAndLoad(): Promise<void> {
    const seed = { type: 'PublishCatalogue' as const, version: DEFAULT_CATALOGUE, publishedAt: DEFAULT_CATALOGUE_PUBLISHED_AT };
    const result = await this.catalogue.handle(PRICE_CATALOGUE_STREAM, (state) => catalogueDecider.decide(seed, state), { eventId: () => DEFAULT_CATALOGUE_EVENT_ID });
    if (!result.ok) throw new Error(`Seeding the price catalogue was refused: ${result.rejection.code}`);
    this.use(result);
  }

  private use(loaded: { state: CatalogueState; revision: bigint }): void {
    this.state = loaded.state;
    if (loaded.revision !== this.revision) this.memo.clear();
    this.revision = loaded.revision;
  }
}
