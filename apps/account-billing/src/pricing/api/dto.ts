import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_KINDS } from '@sms/contracts';
import { PRICED_OPERATORS } from '@sms/sms';
import { UtcTime } from '@sms/service-kit';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DEFAULT_PRICE_CHANGES_PAGE, MAX_PRICE_CHANGES_PAGE } from '../list-price-changes/handler';
import { MAX_PRICE_LINES } from '../domain/price-catalogue';

/* The DTOs check JSON types and sizes; what a line means (kind, country, operator, price) the domain checks, naming the line, for REST and gRPC alike. */

export class PricesQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'The version in force at this time (RFC 3339); default now. A time ahead shows an announced change' })
  @IsOptional()
  @UtcTime()
  at?: string;
}

export class PriceLineDto {
  @ApiProperty({ enum: MESSAGE_KINDS, example: 'international' }) @IsString() @MaxLength(32) kind!: string;
  @ApiProperty({ example: 'US', description: "'CN' for the domestic kinds; ISO 3166-1 alpha-2, or '*' (every country not listed), for international" })
  @IsString()
  @MaxLength(8)
  country!: string;
  @ApiPropertyOptional({ enum: PRICED_OPERATORS, description: 'A price for one domestic operator only (CN)' }) @IsOptional() @IsString() @MaxLength(16) operator?: string;
  @ApiProperty({ example: '0.0800', description: 'Per billed unit (segment; message for rich-media and smart): decimal string > 0 with at most 4 decimal places' })
  @IsString()
  @MaxLength(32)
  unitPrice!: string;
}

export class PriceChangeDto {
  @ApiProperty({ format: 'date-time', description: 'When the version takes effect: at least PRICE_NOTICE_DAYS (default 30) ahead (terms §2.3)' })
  @UtcTime()
  effectiveAt!: string;
  @ApiPropertyOptional({ example: 'CNY', description: "ISO 4217; default and only accepted value: the catalogue's currency" })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency?: string;
  @ApiProperty({ type: [PriceLineDto], description: 'The whole catalogue of the version (not a difference): every kind and destination it prices' })
  @IsArray()
  @ArrayMaxSize(MAX_PRICE_LINES)
  @ValidateNested({ each: true })
  @Type(() => PriceLineDto)
  prices!: PriceLineDto[];
}

export class PriceChangesQuery {
  @ApiPropertyOptional({ default: DEFAULT_PRICE_CHANGES_PAGE, maximum: MAX_PRICE_CHANGES_PAGE }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PRICE_CHANGES_PAGE) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @Matches(/^[1-9]\d{0,8}$/, { message: 'cursor is not one this API gave' }) cursor?: string;
}

export class PriceResponse {
  @ApiProperty({ example: 'notification' }) kind!: string;
  @ApiProperty({ example: 'CN', description: "'CN' domestic, ISO 3166 alpha-2, or '*' for any country not listed" }) country!: string;
  @ApiPropertyOptional({ example: 'CMCC' }) operator?: string;
  @ApiProperty({ example: '0.0450', description: 'Per billed unit (segment; message for rich-media and smart)' }) unitPrice!: string;
}

export class PriceCatalogueResponse {
  @ApiProperty() version!: number;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiProperty({ format: 'date-time' }) effectiveAt!: string;
  @ApiProperty({ type: [PriceResponse] }) prices!: PriceResponse[];
}

export class AnnouncedPriceChangeResponse extends PriceCatalogueResponse {
  @ApiProperty({ format: 'date-time', description: 'When it was announced' }) publishedAt!: string;
}

export class PriceChangeResponse extends AnnouncedPriceChangeResponse {
  @ApiProperty({ enum: ['SCHEDULED', 'IN_FORCE', 'SUPERSEDED'], description: 'Now: announced and not yet in force, in force, or replaced by a later version' })
  status!: 'SCHEDULED' | 'IN_FORCE' | 'SUPERSEDED';
}

export class PriceChangePageResponse {
  @ApiProperty({ type: [PriceChangeResponse] }) items!: PriceChangeResponse[];
  @ApiPropertyOptional({ description: 'Pass as cursor for the next page; absent on the last page' }) nextCursor?: string;
}
