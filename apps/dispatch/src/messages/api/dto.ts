import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_KINDS, MessageKind, MessageStatus } from '@sms/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

@ValidatorConstraint({ name: 'stringMap' })
class StringMap implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return (
      typeof value === 'object' && value !== null && !Array.isArray(value) &&
      Object.entries(value).every(([k, v]) => k.length <= 64 && typeof v === 'string' && v.length <= 500)
    );
  }
  defaultMessage(): string {
    return 'params must map variable names to strings (≤ 500 chars)';
  }
}

export class SendMessagesDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(64) accountId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(64) signatureId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(64) templateId!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { code: '123456' } })
  @IsObject() @Validate(StringMap) params!: Record<string, string>;
  @ApiProperty({ type: [String], minItems: 1, maxItems: 1000, example: ['+8613800138000'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsString({ each: true }) @MaxLength(32, { each: true })
  phoneNumbers!: string[];
  @ApiPropertyOptional({ enum: MESSAGE_KINDS }) @IsOptional() @IsIn(MESSAGE_KINDS as MessageKind[]) kind?: MessageKind;
  @ApiPropertyOptional({ description: "Customer's own reference, echoed in delivery reports" })
  @IsOptional() @IsString() @MaxLength(64) outId?: string;
}

const STATUSES: MessageStatus[] = ['ACCEPTED', 'BLOCKED', 'REJECTED', 'QUEUED', 'SUBMITTED', 'DELIVERED', 'UNDELIVERED', 'EXPIRED', 'FAILED', 'CANCELLED'];

export class ListMessagesQuery {
  @ApiProperty() @IsString() @IsNotEmpty() accountId!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() phoneNumber?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: MessageStatus;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional() @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(1000) limit?: number;
}
