import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type EventStore, StreamNotFoundError } from '@sms/event-store';
import { CLOCK, type Clock, deterministicId } from '@sms/service-kit';
import {
  catalogueInForce,
  type CatalogueState,
  type CatalogueVersion,
  decodeCatalogueEvent,
  DEFAULT_CATALOGUE,
  DEFAULT_CATALOGUE_PUBLISHED_AT,
  encodeCatalogueEvent,
  evolveCatalogue,
  initialCatalogueState,
  lookupPrice,
  PRICE_CATALOGUE_STREAM,
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
  private state: CatalogueState = initialCatalogueState();
  private revision = -1n;
  private loading?: Promise<void>;
  private readonly memo = new Map<CatalogueVersion, Map<string, bigint | null>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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
    let events;
    try {
      events = await this.store.readStream(PRICE_CATALOGUE_STREAM, { fromRevision: this.revision + 1n });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
    for (const recorded of events) {
      const event = decodeCatalogueEvent(recorded.type, recorded.data);
      if (event) this.state = evolveCatalogue(this.state, event);
      this.revision = recorded.revision;
    }
    if (events.length > 0) this.memo.clear();
  }

  private async seedAndLoad(): Promise<void> {
    const seed = encodeCatalogueEvent({ type: 'PriceCataloguePublished', data: { ...DEFAULT_CATALOGUE, publishedAt: DEFAULT_CATALOGUE_PUBLISHED_AT } });
    await this.store.appendToStream(PRICE_CATALOGUE_STREAM, { id: DEFAULT_CATALOGUE_EVENT_ID, ...seed }, { expectedRevision: 'any' });
    await this.refresh();
  }
}
