import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';

/**
 * The bounds are read with `new Date` (the handler compares them in UTC): strict ISO 8601 also admits week and
 * ordinal dates and the basic format (`2021-W52-7`, `2021-365`, `20210101T000000Z`), which it cannot read.
 */
const IsReadableTime = () =>
  ValidateBy({ name: 'isReadableTime', validator: { validate: (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value)), defaultMessage: () => '$property must be an RFC 3339 time' } });

export class ListInboundMessagesQuery {
  @ApiPropertyOptional({ description: 'Implied by a customer key; required with a staff key' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) accountId?: string;
  @ApiPropertyOptional({ description: 'Received at or after (RFC 3339)' }) @IsOptional() @IsISO8601({ strict: true }) @IsReadableTime() from?: string;
  @ApiPropertyOptional({ description: 'Received before (RFC 3339)' }) @IsOptional() @IsISO8601({ strict: true }) @IsReadableTime() to?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(512) cursor?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional() @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class InboundMessageView {
  @ApiProperty() inboundId!: string;
  @ApiProperty() accountId!: string;
  @ApiPropertyOptional({ description: 'Signature of the message the recipient replied to' }) signatureId?: string;
  @ApiProperty({ example: '+8613800138000' }) phoneNumber!: string;
  @ApiProperty() content!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ description: 'The reply is an opt-out keyword (TD, 退订, STOP…)' }) optOut!: boolean;
}

export class InboundMessagePage {
  @ApiProperty({ type: [InboundMessageView] }) items!: InboundMessageView[];
  @ApiPropertyOptional({ description: 'Pass as cursor for the next page; absent on the last page' }) nextCursor?: string;
}

export class ListOptOutsQuery {
  @ApiPropertyOptional({ description: 'Implied by a customer key; required with a staff key' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) accountId?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(64) cursor?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional() @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class ReadmitQuery {
  @ApiPropertyOptional({ description: 'Implied by a customer key; required with a staff key' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) accountId?: string;
}

export class OptOutView {
  @ApiProperty({ example: '+8613800138000', description: '`[destroyed]` once the account’s data was erased' }) phoneNumber!: string;
  @ApiProperty({ format: 'date-time', description: 'When the recipient replied the opt-out keyword' }) optedOutAt!: string;
  @ApiPropertyOptional({ description: 'Signature of the message the recipient replied to' }) signatureId?: string;
  @ApiPropertyOptional({ description: 'The reply that carried the keyword' }) inboundId?: string;
}

export class OptOutPage {
  @ApiProperty({ type: [OptOutView] }) items!: OptOutView[];
  @ApiPropertyOptional({ description: 'Pass as cursor for the next page; absent on the last page' }) nextCursor?: string;
}
