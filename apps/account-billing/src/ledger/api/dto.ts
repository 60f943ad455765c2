import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AccountStatus } from '@sms/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { MAX_REFERENCE_LENGTH } from '../deposit-funds/handler';
import { DEFAULT_LEDGER_PAGE, MAX_LEDGER_PAGE } from '../get-ledger/handler';

export class CreateAccountDto {
  @ApiProperty({ example: 'Acme Ltd', maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ example: 'billing@acme.example' }) @IsEmail() @MaxLength(320) contactEmail!: string;
  @ApiPropertyOptional({ example: 'CNY', default: 'CNY', description: 'ISO 4217; must be a currency the price catalogue prices' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency?: string;

  @ApiPropertyOptional({ enum: ['click', 'seal', 'first-use'], description: 'How the customer accepted the service terms; absent or first-use: their first send records it' })
  @IsOptional()
  @IsIn(['click', 'seal', 'first-use'])
  termsAcceptance?: 'click' | 'seal' | 'first-use';

  @ApiPropertyOptional({ example: '1.0', description: "The terms version accepted; default the platform's TERMS_VERSION" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  termsVersion?: string;
}

const REASON = { example: 'statement correction for February', maxLength: 500 };

export class AdjustmentDto {
  /** Validated by the handler so a malformed amount answers INVALID_AMOUNT. */
  @ApiProperty({ example: '-12.5000', description: 'Signed decimal string, not 0, at most 4 decimal places; a debit may freeze the account for arrears' }) @IsString() amount!: string;
  @ApiProperty(REASON) @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
  @ApiProperty({ example: 'stmt-2025-02-acme', maxLength: MAX_REFERENCE_LENGTH, description: 'The same reference twice is one adjustment' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_REFERENCE_LENGTH)
  reference!: string;
}

export class ServiceCreditDto {
  @ApiProperty({ type: [String], description: 'The messages affected by the failure (1–1,000)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  messageIds!: string[];
  @ApiProperty({ example: '0.0450', description: 'Decimal string > 0; at most what those messages were charged (terms §8.5)' }) @IsString() amount!: string;
  @ApiProperty(REASON) @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
  @ApiPropertyOptional({ maxLength: MAX_REFERENCE_LENGTH, description: 'The same reference twice is one credit; default the Idempotency-Key header' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_REFERENCE_LENGTH)
  reference?: string;
}

export class AlertsDto {
  @ApiPropertyOptional({ example: '50.0000', nullable: true, description: 'Warn once per crossing when available balance falls below this; null turns it off' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  lowBalance?: string | null;
}

export class TerminationDto {
  @ApiProperty(REASON) @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
  @ApiProperty({ enum: ['agreement', 'notice'], description: 'By agreement (terms §7.3.1) or by notice (§7.3.5)' }) @IsIn(['agreement', 'notice']) basis!: 'agreement' | 'notice';
}

export class TermsAcceptanceDto {
  @ApiProperty({ enum: ['click', 'seal'], description: "click: the customer's own acceptance; seal: staff record a sealed contract" }) @IsIn(['click', 'seal']) method!: 'click' | 'seal';
}

export class TermsResponse {
  @ApiProperty({ example: '1.0' }) version!: string;
  @ApiProperty({ enum: ['click', 'seal', 'first-use'] }) method!: string;
  @ApiProperty() acceptedAt!: string;
}

export class TerminationResponse {
  @ApiProperty({ enum: ['agreement', 'notice'] }) basis!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() requestedAt!: string;
  @ApiPropertyOptional() terminatedAt?: string;
  @ApiProperty({ example: '87.5000', description: 'The unconsumed balance refunded (a REFUND ledger entry)' }) refunded!: string;
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
  @ApiProperty({ example: '2025-01-01T00:00:00.000Z', description: 'When the service was enabled (terms §7.1)' }) enabledAt!: string;
  @ApiPropertyOptional({ example: '50.0000', description: 'Low-balance alert threshold (PUT /v1/accounts/{id}/alerts)' }) lowBalanceThreshold?: string;
  @ApiPropertyOptional({ type: TermsResponse, description: 'The service terms the customer accepted' }) terms?: TermsResponse;
  @ApiPropertyOptional({ type: TerminationResponse }) termination?: TerminationResponse;
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
  @ApiProperty({ description: 'Stable id of the entry: the revision of its event in the account stream' }) entryId!: string;
  @ApiProperty({ description: 'Revision of the event in the account stream' }) revision!: number;
  @ApiProperty({ enum: ['DEPOSIT', 'RESERVE', 'CAPTURE', 'RELEASE', 'ADJUSTMENT', 'CREDIT', 'REFUND'] }) type!: string;
  @ApiProperty({
    example: '-0.0900',
    description: 'DEPOSIT (+), CAPTURE (−), ADJUSTMENT (±), CREDIT (+) and REFUND (−) change the balance; RESERVE and RELEASE show the amount reserved or released',
  })
  amount!: string;
  @ApiProperty() balanceAfter!: string;
  @ApiProperty() reservedAfter!: string;
  @ApiPropertyOptional() reference?: string;
  @ApiPropertyOptional({ description: 'Why staff adjusted, credited or refunded' }) reason?: string;
  @ApiPropertyOptional({ type: [String], description: 'The batches whose reservations the entry concerns' }) batchIds?: string[];
  @ApiPropertyOptional({ description: 'Key of the submission results that settled the messages' }) batchKey?: string;
  @ApiPropertyOptional({ type: [String], description: 'The messages the entry concerns' }) messageIds?: string[];
  @ApiPropertyOptional() rejected?: number;
  @ApiProperty() at!: string;
}

export class LedgerResponse {
  @ApiProperty() accountId!: string;
  @ApiProperty({ type: [LedgerEntryResponse] }) entries!: LedgerEntryResponse[];
  @ApiPropertyOptional({ description: 'fromRevision of the next page; absent on the last page' }) nextFromRevision?: number;
}

export class AdjustmentResponse {
  @ApiProperty() reference!: string;
  @ApiProperty({ example: '-12.5000' }) amount!: string;
  @ApiProperty() adjustedAt!: string;
  @ApiProperty({ type: AccountResponse, description: 'The account after it (FROZEN when the balance went below zero)' }) account!: AccountResponse;
}

export class CreditedMessageResponse {
  @ApiProperty() messageId!: string;
  @ApiProperty({ example: '0.0450' }) amount!: string;
}

export class ServiceCreditResponse {
  @ApiProperty() reference!: string;
  @ApiProperty({ example: '0.0450' }) amount!: string;
  @ApiProperty({ type: [CreditedMessageResponse], description: 'How the credit is set against the messages' }) messages!: CreditedMessageResponse[];
  @ApiProperty() grantedAt!: string;
  @ApiProperty({ type: AccountResponse }) account!: AccountResponse;
}
