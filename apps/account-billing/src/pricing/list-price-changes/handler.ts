import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, DomainError } from '@sms/service-kit';
import { PriceCatalogueService } from '../application/price-catalogue.service';
import { type PublishedVersion, versionStatus, type VersionStatus } from '../domain/price-catalogue';

export const DEFAULT_PRICE_CHANGES_PAGE = 50;
export const MAX_PRICE_CHANGES_PAGE = 500;

export interface PriceChangePage {
  items: Array<{ version: PublishedVersion; status: VersionStatus }>;
  /** The last version number of this page: the next page lists the versions below it. */
  nextCursor?: string;
}

/** Every published version (GET /v1/price-changes), newest first, with where it stands now; keyset pages by version. */
@Injectable()
export class ListPriceChangesHandler {
  constructor(
    private readonly catalogue: PriceCatalogueService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(query: { limit?: number; cursor?: string } = {}): Promise<PriceChangePage> {
    const limit = query.limit ?? DEFAULT_PRICE_CHANGES_PAGE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PRICE_CHANGES_PAGE) throw new DomainError('VALIDATION_FAILED', `limit must be 1–${MAX_PRICE_CHANGES_PAGE}`);
    if (query.cursor !== undefined && !/^[1-9]\d{0,8}$/.test(query.cursor)) throw new DomainError('VALIDATION_FAILED', 'cursor is not one this API gave');
    const below = query.cursor === undefined ? Number.POSITIVE_INFINITY : Number(query.cursor);
    const now = this.clock.now();
    const state = await this.catalogue.current();
    const newer = (await this.catalogue.versions()).filter((v) => v.version < below);
    const page = newer.slice(0, limit);
    return {
      items: page.map((version) => ({ version, status: versionStatus(state, version, now) })),
      ...(newer.length > limit ? { nextCursor: String(page[page.length - 1].version) } : {}),
    };
  }
}
