import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ListInboundMessagesQuery {
  @ApiPropertyOptional({ description: 'Implied by a customer key; required with a staff key' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) accountId?: string;
  @ApiPropertyOptional({ description: 'Received at or after (RFC 3339)' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ description: 'Received before (RFC 3339)' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
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
