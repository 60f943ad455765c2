import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AccountStatus } from '@sms/contracts';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_REFERENCE_LENGTH } from '../deposit-funds/handler';
import { DEFAULT_LEDGER_PAGE, MAX_LEDGER_PAGE } from '../get-ledger/handler';

export class CreateAccountDto {
  @ApiProperty({ example: 'Acme Ltd', maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ example: 'billing@acme.example' }) @IsEmail() @MaxLength(320) contactEmail!: string;
  @ApiPropertyOptional({ example: 'CNY', default: 'CNY', description: 'ISO 4217; must be a currency the price catalogue prices' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency?: string;
}

export class DepositDto {
  /** Validated by the handler so a malformed amount answers INVALID_AMOUNT, not VALIDATION_FAILED. */
  @ApiProperty({ example: '100.00', description: 'Decimal string > 0 with at most 4 decimal places' }) @IsString() amount!: string;
  @ApiProperty({ example: 'bank-transfer-2025-0001', maxLength: MAX_REFERENCE_LENGTH, description: 'The same reference twice is one deposit' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_REFERENCE_LENGTH)
  reference!: string;
}

export class LedgerQuery {
  @ApiPropertyOptional({ default: 0, description: 'First stream revision of the page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  fromRevision?: number;

  @ApiPropertyOptional({ default: DEFAULT_LEDGER_PAGE, maximum: MAX_LEDGER_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LEDGER_PAGE)
  limit?: number;
}

export class AccountResponse {
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: ['ACTIVE', 'FROZEN', 'SUSPENDED', 'TERMINATING', 'TERMINATED'] }) status!: AccountStatus;
  @ApiPropertyOptional() statusReason?: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiProperty({ example: '100.0000', description: 'Deposits − captures' }) balance!: string;
  @ApiProperty({ example: '0.0900', description: 'Held for messages not yet settled' }) reserved!: string;
  @ApiProperty({ example: '99.9100', description: 'balance − reserved' }) available!: string;
  @ApiProperty({ example: '2025-01-01T00:00:00.000Z' }) openedAt!: string;
  @ApiPropertyOptional({ example: 180, description: "How long the account's messages and replies are kept, in days (terms §4); then they are destroyed" }) retentionDays?: number;
  @ApiPropertyOptional({ enum: ['account', 'platform'], description: "account: the account's own period; platform: RETENTION_DAYS" }) retentionSource?: 'account' | 'platform';
  @ApiPropertyOptional({ description: 'Messages, replies and their texts from before this were destroyed by retention' }) dataErasedBefore?: string;
  @ApiPropertyOptional({ description: "When all of the account's personal data was destroyed (erasure); the account stays suspended" }) erasedAt?: string;
}

export class ApiKeySecretResponse {
  @ApiProperty({ example: 'ak_3q2x9Yb1kQ4mZ0pL' }) keyId!: string;
  @ApiProperty({ description: 'Shown once; only its hash is kept' }) secret!: string;
  @ApiProperty({ description: 'keyId + "." + secret: the bearer token' }) token!: string;
}

export class CreatedAccountResponse extends AccountResponse {
  @ApiProperty({ type: ApiKeySecretResponse, description: 'The account’s first API key (role customer)' }) apiKey!: ApiKeySecretResponse;
}

export class RetentionDto {
  @ApiProperty({ example: 365, minimum: 1, maximum: 36_500, description: "Days the account's messages, replies and their texts are kept" })
  @IsInt()
  @Min(1)
  @Max(36_500)
  days!: number;
  @ApiPropertyOptional({ example: 'Contract 2026-31 §9: one year', maxLength: 500 }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) reason?: string;
}

export class ErasureDto {
  @ApiProperty({
    example: 'Customer request ER-2026-0042 (signed letter of 2026-11-20)',
    maxLength: 500,
    description: 'Who asked for the erasure and why, e.g. the customer’s request reference; recorded in the account’s history',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Complaint 2026-114: messages sent without consent', maxLength: 500 }) @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
}

export class DepositResponse {
  @ApiProperty({ description: 'Identifies the deposit (the caller’s reference)' }) reference!: string;
  @ApiProperty({ example: '100.0000' }) amount!: string;
  @ApiProperty({ example: '100.0000', description: 'Balance right after this deposit; a repeated request answers the same body' }) balance!: string;
  @ApiProperty() depositedAt!: string;
}

export class LedgerEntryResponse {
  @ApiProperty({ description: 'Revision of the event in the account stream' }) revision!: number;
  @ApiProperty({ enum: ['ACCOUNT_OPENED', 'DEPOSIT', 'RESERVATION', 'CAPTURE', 'RELEASE'] }) type!: string;
  @ApiProperty({ example: '-0.0900', description: 'DEPOSIT (+) and CAPTURE (−) change the balance; RESERVATION and RELEASE show the amount reserved or released' })
  amount!: string;
  @ApiProperty() balanceAfter!: string;
  @ApiProperty() reservedAfter!: string;
  @ApiPropertyOptional() reference?: string;
  @ApiPropertyOptional() batchId?: string;
  @ApiPropertyOptional({ description: 'Key of the submission results that settled the messages' }) batchKey?: string;
  @ApiPropertyOptional() messages?: number;
  @ApiPropertyOptional() rejected?: number;
  @ApiProperty() at!: string;
}

export class LedgerResponse {
  @ApiProperty() accountId!: string;
  @ApiProperty({ type: [LedgerEntryResponse] }) entries!: LedgerEntryResponse[];
  @ApiPropertyOptional({ description: 'fromRevision of the next page; absent on the last page' }) nextFromRevision?: number;
}
