import { Inject, Injectable, Optional } from '@nestjs/common';
import { CLOCK, type Clock, DomainError } from '@sms/service-kit';
import { createHash } from 'node:crypto';
import { AccountBillingConfig } from '../../account-billing.config';
import { PriceCatalogueService } from '../application/price-catalogue.service';
import { type AnnouncePriceChange, findAnnouncement, type PriceLineInput, type PublishedVersion, readPriceLines } from '../domain/price-catalogue';

export interface AnnouncePriceChangeRequest {
  /** RFC 3339. */
  effectiveAt: string;
  currency?: string;
  prices: PriceLineInput[];
  idempotencyKey?: string;
  /** Key id of the operator. */
  by: string;
}

export const MAX_IDEMPOTENCY_KEY_LENGTH = 128;

/**
 * Announces a price change (POST /v1/price-changes, terms §2.3): a whole catalogue as the next version, in force
 * from `effectiveAt`, which must lie at least PRICE_NOTICE_DAYS ahead. With an Idempotency-Key a retry — even after a
 * crash, even racing the original — is decided on the stream that holds the original and answered with its version
 * (`created: false`); another body under the same key is refused (IDEMPOTENCY_KEY_REUSED).
 */
@Injectable()
export class AnnouncePriceChangeHandler {
  private readonly settings: AccountBillingConfig;

  constructor(
    private readonly catalogue: PriceCatalogueService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() settings?: AccountBillingConfig,
  ) {
    this.settings = settings ?? new AccountBillingConfig();
  }

  async handle(request: AnnouncePriceChangeRequest): Promise<{ version: PublishedVersion; created: boolean }> {
    const { idempotencyKey } = request;
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
      throw new DomainError('VALIDATION_FAILED', `Idempotency-Key must be 1–${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
    }
    const lines = readPriceLines(request.prices);
    if (!lines.ok) throw new DomainError('VALIDATION_FAILED', lines.detail);
    const effective = Date.parse(request.effectiveAt);
    const effectiveAt = Number.isNaN(effective) ? request.effectiveAt : new Date(effective).toISOString();
    // The request as it is understood, so a retry written differently (another offset, "0.29" for "0.2900") is the same request.
    const now = this.clock.now();
    const understood = { effectiveAt, currency: request.currency ?? null, prices: lines.prices.map((p) => [p.kind, p.country, p.operator ?? null, p.unitPriceMinor.toString()]) };
    const command: AnnouncePriceChange = {
      type: 'AnnouncePriceChange',
      effectiveAt,
      ...(request.currency !== undefined ? { currency: request.currency } : {}),
      prices: lines.prices,
      at: now,
      noticeDays: this.settings.PRICE_NOTICE_DAYS,
      minimumGapMs: this.settings.PRICE_RESERVATION_HORIZON_HOURS * 3_600_000,
      publishedBy: request.by,
      ...(idempotencyKey !== undefined ? { idempotencyKey, requestHash: createHash('sha256').update(JSON.stringify(understood)).digest('hex') } : {}),
    };
    const result = await this.catalogue.announce(command);
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    const [event] = result.events;
    const version = event?.data ?? (idempotencyKey !== undefined ? findAnnouncement(result.state, request.by, idempotencyKey) : undefined);
    if (!version) throw new Error('A price change appended nothing and has no earlier announcement');
    return { version, created: event !== undefined };
  }
}
