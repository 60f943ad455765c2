import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { Access, grpcCall, grpcCaller, validateGrpcRequest } from '@sms/service-kit';
import { AnnouncePriceChangeHandler } from '../announce-price-change/handler';
import { GetPriceCatalogueHandler } from '../get-price-catalogue/handler';
import { ListPriceChangesHandler } from '../list-price-changes/handler';
import { type AnnouncedPriceChangeResponse, type PriceCatalogueResponse, PriceChangeDto, type PriceChangePageResponse, PriceChangesQuery, PricesQuery } from './dto';
import { toAnnouncedPriceChangeResponse, toPriceCatalogueResponse, toPriceChangePageResponse } from './mappers';

interface PriceLineMessage {
  kind: string;
  country: string;
  operator?: string;
  unitPrice: string;
}

/**
 * gRPC `sms.account.v1.PriceService`: the REST handlers, DTOs and roles. GetPrices needs a key of any role here —
 * gRPC clients are integrations that hold one — where REST GET /v1/prices is public. proto3 sends unset strings as
 * '': they mean "not given".
 */
@Controller()
export class PricesGrpcController {
  constructor(
    private readonly getPriceCatalogue: GetPriceCatalogueHandler,
    private readonly announcePriceChange: AnnouncePriceChangeHandler,
    private readonly listPriceChanges: ListPriceChangesHandler,
  ) {}

  @GrpcMethod('PriceService', 'GetPrices')
  @Access('operator', 'reviewer', 'customer')
  getPrices(request: { at?: string }): Promise<PriceCatalogueResponse> {
    return grpcCall(async () => {
      const query = validateGrpcRequest(PricesQuery, { at: request.at || undefined });
      return toPriceCatalogueResponse(await this.getPriceCatalogue.handle(query.at === undefined ? undefined : new Date(query.at)));
    });
  }

  @GrpcMethod('PriceService', 'AnnouncePriceChange')
  @Access('operator')
  announce(request: { effectiveAt?: string; currency?: string; prices?: PriceLineMessage[]; idempotencyKey?: string }, metadata: unknown): Promise<AnnouncedPriceChangeResponse & { created: boolean }> {
    return grpcCall(async () => {
      const dto = validateGrpcRequest(PriceChangeDto, {
        effectiveAt: request.effectiveAt,
        currency: request.currency || undefined,
        prices: (request.prices ?? []).map((p) => ({ kind: p.kind, country: p.country, operator: p.operator || undefined, unitPrice: p.unitPrice })),
      });
      const { version, created } = await this.announcePriceChange.handle({ ...dto, idempotencyKey: request.idempotencyKey || undefined, by: grpcCaller(metadata).keyId });
      return { ...toAnnouncedPriceChangeResponse(version), created };
    });
  }

  @GrpcMethod('PriceService', 'ListPriceChanges')
  @Access('operator', 'reviewer', 'customer')
  list(request: { limit?: number; cursor?: string }): Promise<PriceChangePageResponse> {
    return grpcCall(async () => {
      const query = validateGrpcRequest(PriceChangesQuery, { limit: request.limit || undefined, cursor: request.cursor || undefined });
      return toPriceChangePageResponse(await this.listPriceChanges.handle({ limit: query.limit, cursor: query.cursor }));
    });
  }
}
