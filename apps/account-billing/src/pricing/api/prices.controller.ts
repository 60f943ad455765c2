import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { formatMoney } from '@sms/contracts';
import { DomainError } from '@sms/service-kit';
import { PriceCatalogueService } from '../application/price-catalogue.service';
import type { CatalogueVersion } from '../domain/price-catalogue';

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
  constructor(private readonly catalogue: PriceCatalogueService) {}

  @Get()
  @ApiOperation({ summary: 'The price catalogue in force now' })
  @ApiOkResponse({ type: PriceCatalogueResponse })
  async current(): Promise<PriceCatalogueResponse> {
    const version = await this.catalogue.inForce();
    if (!version) throw new DomainError('NOT_FOUND', 'No price catalogue is in force.');
    return toPriceCatalogueResponse(version);
  }
}
