import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { UtcTime } from '@sms/service-kit';
import { LEGAL_BASES, type LegalBasis } from '../domain/disclosure';

export class CreateApiKeyDto {
  @ApiPropertyOptional({ example: 'billing system', maxLength: 100, description: 'What the key is for, to tell keys apart' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  label?: string;
}

export class CreateStaffKeyDto extends CreateApiKeyDto {
  @ApiProperty({ enum: ['operator', 'reviewer'] }) @IsIn(['operator', 'reviewer']) role!: 'operator' | 'reviewer';
}

export class RevokeApiKeyDto {
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class IssuedApiKeyResponse {
  @ApiProperty({ example: 'ak_3q2x9Yb1kQ4mZ0pL' }) keyId!: string;
  @ApiProperty({ description: 'Shown once; only its hash is kept' }) secret!: string;
  @ApiProperty({ description: 'keyId + "." + secret: the bearer token' }) token!: string;
  @ApiProperty({ type: [String], example: ['customer'] }) roles!: string[];
  @ApiPropertyOptional() accountId?: string;
  @ApiPropertyOptional() label?: string;
  @ApiProperty() createdAt!: string;
}

export class ApiKeyResponse {
  @ApiProperty() keyId!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ enum: ['ACTIVE', 'REVOKED'] }) status!: 'ACTIVE' | 'REVOKED';
  @ApiPropertyOptional() label?: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() revokedAt?: string;
}

export class ApiKeyListResponse {
  @ApiProperty({ type: [ApiKeyResponse] }) items!: ApiKeyResponse[];
}

export class AuditLogQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) accountId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) actorKeyId?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @UtcTime() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @UtcTime() to?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{1,15}$/, { message: 'cursor is not one this API gave' }) cursor?: string;
}

export class AuditEntryResponse {
  @ApiProperty() actionId!: string;
  @ApiProperty({ description: 'Key id of the staff member (admin = the bootstrap key)' }) actorKeyId!: string;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiProperty({ example: 'POST /v1/accounts/:accountId/deposits' }) action!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) target!: Record<string, string>;
  @ApiPropertyOptional() accountId?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ description: 'HTTP status (gRPC: 0 = OK)' }) outcome!: number;
  @ApiProperty() at!: string;
}

export class AuditLogResponse {
  @ApiProperty({ type: [AuditEntryResponse] }) items!: AuditEntryResponse[];
  @ApiPropertyOptional() nextCursor?: string;
}

export class DisclosureDto {
  @ApiProperty({ example: 'Shanghai Public Security Bureau', maxLength: 200, description: 'Who received the data' })
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'recipient must not be blank' })
  recipient!: string;
  @ApiProperty({ enum: LEGAL_BASES }) @IsIn(LEGAL_BASES) legalBasis!: LegalBasis;
  @ApiProperty({ example: 'delivery records of 2026-10 for one number', maxLength: 2000, description: 'What was disclosed' })
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'scope must not be blank' })
  scope!: string;
  @ApiProperty({ example: 'SPSB-2026-0415', maxLength: 200, description: 'The request, order or agreement; one disclosure per reference' })
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'reference must not be blank' })
  reference!: string;
}

export class DisclosureResponse {
  @ApiProperty() disclosureId!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty({ enum: LEGAL_BASES }) legalBasis!: LegalBasis;
  @ApiProperty() scope!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ description: 'Key id of the operator who recorded it' }) disclosedBy!: string;
  @ApiProperty() recordedAt!: string;
}

export class DisclosureListResponse {
  @ApiProperty({ type: [DisclosureResponse] }) items!: DisclosureResponse[];
}
