import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { formatMoney } from '@sms/contracts';
import { ApiProblems, Public } from '@sms/service-kit';
import type { CatalogueVersion } from '../domain/price-catalogue';
import { GetPriceCatalogueHandler } from '../get-price-catalogue/handler';

export class PriceResponse {
  @ApiProperty({ example: 'notification' }) kind!: string;
  @ApiProperty({ example: 'CN', description: "'CN' domestic, ISO 3166 alpha-2, or '*' for any country" }) country!: string;
  @ApiPropertyOptional({ example: 'CMCC' }) operator?: string;
  @ApiProperty({ example: '0.0450', description: 'Per billed segment' }) unitPrice!: string;
}

export class PriceCatalogueResponse {
  @ApiProperty() version!: number;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiProperty() effectiveAt!: string;
  @ApiProperty({ type: [PriceResponse] }) prices!: PriceResponse[];
}

export function toPriceCatalogueResponse(version: CatalogueVersion): PriceCatalogueResponse {
  return {
    version: version.version,
    currency: version.currency,
    effectiveAt: version.effectiveAt,
    prices: version.prices.map((p) => ({ kind: p.kind, country: p.country, ...(p.operator ? { operator: p.operator } : {}), unitPrice: formatMoney(p.unitPriceMinor) })),
  };
}

@ApiTags('prices')
@Controller('v1/prices')
export class PricesController {
  constructor(private readonly getPriceCatalogue: GetPriceCatalogueHandler) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The price catalogue in force now (public: no credential needed)' })
  @ApiOkResponse({ type: PriceCatalogueResponse })
  @ApiProblems('NOT_FOUND')
  async current(): Promise<PriceCatalogueResponse> {
    return toPriceCatalogueResponse(await this.getPriceCatalogue.handle());
  }
}
