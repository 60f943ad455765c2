import { formatMoney } from '@sms/contracts';
import type { PriceChangePage } from '../list-price-changes/handler';
import type { CatalogueVersion, PublishedVersion, VersionStatus } from '../domain/price-catalogue';
import type { AnnouncedPriceChangeResponse, PriceCatalogueResponse, PriceChangePageResponse, PriceChangeResponse } from './dto';

/** A version as GET /v1/prices shows it: whitelisted, prices as 4-place decimals. */
export function toPriceCatalogueResponse(version: CatalogueVersion): PriceCatalogueResponse {
  return {
    version: version.version,
    currency: version.currency,
    effectiveAt: version.effectiveAt,
    prices: version.prices.map((p) => ({ kind: p.kind, country: p.country, ...(p.operator ? { operator: p.operator } : {}), unitPrice: formatMoney(p.unitPriceMinor) })),
  };
}

/** A published version with when it was announced; never who announced it or under which key. */
export function toAnnouncedPriceChangeResponse(version: PublishedVersion): AnnouncedPriceChangeResponse {
  return { ...toPriceCatalogueResponse(version), publishedAt: version.publishedAt };
}

/** ... and where it stands now. */
export function toPriceChangeResponse(version: PublishedVersion, status: VersionStatus): PriceChangeResponse {
  return { ...toAnnouncedPriceChangeResponse(version), status };
}

export function toPriceChangePageResponse(page: PriceChangePage): PriceChangePageResponse {
  return { items: page.items.map((i) => toPriceChangeResponse(i.version, i.status)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}
