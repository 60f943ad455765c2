import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, BODY_PROBLEMS, Caller, Public, type Principal } from '@sms/service-kit';
import { AnnouncePriceChangeHandler } from '../announce-price-change/handler';
import { GetPriceCatalogueHandler } from '../get-price-catalogue/handler';
import { ListPriceChangesHandler } from '../list-price-changes/handler';
import { AnnouncedPriceChangeResponse, PriceCatalogueResponse, PriceChangeDto, PriceChangePageResponse, PriceChangesQuery, PricesQuery } from './dto';
import { toAnnouncedPriceChangeResponse, toPriceCatalogueResponse, toPriceChangePageResponse } from './mappers';

@ApiTags('prices')
@Controller('v1/prices')
export class PricesController {
  constructor(private readonly getPriceCatalogue: GetPriceCatalogueHandler) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The price catalogue in force now, or at `at` (public: no credential needed)' })
  @ApiOkResponse({ type: PriceCatalogueResponse })
  @ApiProblems('VALIDATION_FAILED', 'NOT_FOUND')
  async current(@Query() query: PricesQuery): Promise<PriceCatalogueResponse> {
    return toPriceCatalogueResponse(await this.getPriceCatalogue.handle(query.at === undefined ? undefined : new Date(query.at)));
  }
}

/** Price changes (terms §2.3): announced by operators at least PRICE_NOTICE_DAYS ahead, listed to any key (ADR 0024). */
@ApiTags('prices')
@Controller('v1/price-changes')
export class PriceChangesController {
  constructor(
    private readonly announcePriceChange: AnnouncePriceChangeHandler,
    private readonly listPriceChanges: ListPriceChangesHandler,
  ) {}

  @Post()
  @Access('operator')
  @ApiOperation({
    summary:
      'Announce a price change: a whole catalogue as the next version, in force from effectiveAt, at least PRICE_NOTICE_DAYS (default 30) ahead (terms §2.3); messages are priced by the version in force when they are submitted',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body = the same version (200 with the original body); same key, other body = 422 IDEMPOTENCY_KEY_REUSED',
    schema: { type: 'string', minLength: 1, maxLength: 128 },
  })
  @ApiCreatedResponse({ type: AnnouncedPriceChangeResponse, description: 'Announced as the next version' })
  @ApiOkResponse({ type: AnnouncedPriceChangeResponse, description: 'This Idempotency-Key already announced this version; nothing changed' })
  @ApiProblems(...BODY_PROBLEMS, 'NOTICE_PERIOD_NOT_MET', 'IDEMPOTENCY_KEY_REUSED', 'CONCURRENCY_CONFLICT')
  async announce(
    @Body() body: PriceChangeDto,
    @Caller() caller: Principal,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<AnnouncedPriceChangeResponse> {
    const { version, created } = await this.announcePriceChange.handle({ ...body, idempotencyKey, by: caller.keyId });
    response.status(created ? 201 : 200);
    return toAnnouncedPriceChangeResponse(version);
  }

  @Get()
  @Access('operator', 'reviewer', 'customer')
  @ApiOperation({ summary: 'Every published catalogue version, newest first, with when it was announced, when it takes effect and whether it is in force' })
  @ApiOkResponse({ type: PriceChangePageResponse })
  @ApiProblems('VALIDATION_FAILED')
  async list(@Query() query: PriceChangesQuery): Promise<PriceChangePageResponse> {
    return toPriceChangePageResponse(await this.listPriceChanges.handle({ limit: query.limit, cursor: query.cursor }));
  }
}
