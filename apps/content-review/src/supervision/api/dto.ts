import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { VIOLATION_CATEGORIES, VIOLATION_OUTCOMES } from '../domain/events';
import { MAX_EVIDENCE, MAX_REASON } from '../domain/violation';

// Lengths in characters are checked by the domain; the DTO bounds the raw size (UTF-16 units, ≤ 2 per character).

export class RecordViolationDto {
  // An account id as the platform makes them: the evidence is sealed for this owner and read back by it, so text that
  // SQLite or the key ring would not give back unchanged (a lone surrogate, `__proto__`) must never become one.
  @ApiProperty({ example: '5b0c2f3e-7d7a-4d4c-9a53-4e2d8f0b6a11', maxLength: 64 })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, { message: 'accountId must be an account id (letters, digits and hyphens)' })
  accountId!: string;

  @ApiProperty({ enum: VIOLATION_CATEGORIES, example: 'fraud' })
  @IsIn(VIOLATION_CATEGORIES)
  category!: string;

  @ApiProperty({ example: 'Message 7f3… impersonates a bank: “您的银行卡已冻结，请点击…”', maxLength: MAX_EVIDENCE, description: 'Sealed at rest (may hold personal data).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_EVIDENCE * 2)
  evidence!: string;

  @ApiPropertyOptional({ example: '2026-12-03T00:00:00Z', description: 'Rectification deadline; default 7 days from now, at most 90.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  rectifyBy?: string;
}

export class ResolveViolationDto {
  @ApiProperty({ enum: VIOLATION_OUTCOMES, example: 'reinstate' })
  @IsIn(VIOLATION_OUTCOMES as string[])
  outcome!: string;

  @ApiProperty({ example: 'Customer removed the template and confirmed its sending lists.', maxLength: MAX_REASON })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_REASON * 2)
  reason!: string;
}

export class ListViolationsQuery {
  @ApiPropertyOptional({ description: 'Implied by a customer key; optional with a staff key (all accounts).' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  accountId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ViolationResolutionResponse {
  @ApiProperty({ enum: VIOLATION_OUTCOMES }) outcome!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() resolvedBy!: string;
  @ApiProperty() resolvedAt!: string;
}

export class ViolationResponse {
  @ApiProperty() violationId!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: VIOLATION_CATEGORIES }) category!: string;
  @ApiProperty({ enum: ['REVIEWER', 'COMPLAINT_RATE', 'BLOCKED_CONTENT'] }) origin!: string;
  @ApiProperty({ description: '`[destroyed]` once the account’s data was erased' }) evidence!: string;
  @ApiProperty() rectifyBy!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ enum: ['OPEN', 'REINSTATED', 'TERMINATED'] }) status!: string;
  @ApiPropertyOptional({ type: ViolationResolutionResponse }) resolution?: ViolationResolutionResponse;
}

export class ViolationListResponse {
  @ApiProperty({ type: [ViolationResponse] }) items!: ViolationResponse[];
}
