import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_KINDS, MessageKind, MessageStatus } from '@sms/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
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
  ValidateNested,
} from 'class-validator';
import { UtcTime } from '@sms/service-kit';
import type { SendMessagesResult } from '../send-messages/handler';
import type { MessageView } from './message.mapper';

type AcceptedMessageResult = SendMessagesResult['messages'][number];

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

export const CONSENT_BASES = ['opt-in', 'written', 'existing-customer'] as const;

/** The account's attestation that the recipients of a marketing send agreed to receive it (DOMAIN §1). */
export class ConsentDto {
  @ApiProperty({ enum: CONSENT_BASES, description: 'opt-in: they asked for it; written: signed consent; existing-customer: customers who did not object' })
  @IsIn(CONSENT_BASES)
  basis!: (typeof CONSENT_BASES)[number];
  @ApiProperty({ example: 'crm-campaign-2026-11', maxLength: 200, description: 'Where the consent records are, for an audit' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference!: string;
}

export const OUTSIDE_WINDOW = ['wait', 'reject'] as const;

export class SendMessagesDto {
  @ApiPropertyOptional({ description: 'Implied by the customer key; if given, it must be that account' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) accountId?: string;
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
  @ApiPropertyOptional({ type: ConsentDto, description: 'Required for marketing (CONSENT_REQUIRED otherwise)' })
  @IsOptional() @ValidateNested() @Type(() => ConsentDto) consent?: ConsentDto;
  @ApiPropertyOptional({ format: 'date-time', description: 'Hold the batch until then (status SCHEDULED), at most 30 days ahead; cancel with DELETE /v1/messages/{id}' })
  @IsOptional() @UtcTime() scheduledAt?: string;
  @ApiPropertyOptional({
    enum: OUTSIDE_WINDOW,
    default: 'wait',
    description: 'Marketing outside the send window (08:00–21:00 recipient local time by default): wait for it to open (status SCHEDULED), or refuse the request (422 OUTSIDE_SEND_WINDOW)',
  })
  @IsOptional() @IsIn(OUTSIDE_WINDOW) outsideWindow?: (typeof OUTSIDE_WINDOW)[number];
}

const STATUSES: MessageStatus[] = ['SCHEDULED', 'ACCEPTED', 'HELD', 'BLOCKED', 'REJECTED', 'QUEUED', 'SUBMITTED', 'DELIVERED', 'UNDELIVERED', 'EXPIRED', 'FAILED', 'CANCELLED'];

export class ListMessagesQuery {
  @ApiPropertyOptional({ description: 'Implied by a customer key; required with a staff key' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) accountId?: string;
  @ApiPropertyOptional({ example: '13800138000', description: 'Any notation the send API takes (national, +86…, 0086…, with spaces or dashes); one that is not a number → 400' })
  @IsOptional() @IsString() @MaxLength(64) phoneNumber?: string;
  @ApiPropertyOptional({ description: 'The messages of one send request' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) batchId?: string;
  @ApiPropertyOptional({ description: 'The messages sent with this outId' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) outId?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: MessageStatus;
  @ApiPropertyOptional({ description: 'Accepted at or after (RFC 3339)' }) @IsOptional() @UtcTime() from?: string;
  @ApiPropertyOptional({ description: 'Accepted before (RFC 3339)' }) @IsOptional() @UtcTime() to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  // Absent stays absent (gRPC hands an unset limit over as undefined): only a given value is read as a number.
  @IsOptional() @Transform(({ value }) => (value === undefined || value === null ? value : Number(value))) @IsInt() @Min(1) @Max(1000) limit?: number;
}

// Response shapes, for the OpenAPI document: they implement what the handler and mapper return, so a field added
// there and not here fails the build.

export class AcceptedMessageResponse implements AcceptedMessageResult {
  @ApiProperty() messageId!: string;
  @ApiProperty({ example: '+8613800138000', description: 'E.164' }) phoneNumber!: string;
  @ApiProperty({ example: 1, description: 'Billed segments' }) segments!: number;
  @ApiProperty({ enum: ['ACCEPTED', 'SCHEDULED'] }) status!: 'ACCEPTED' | 'SCHEDULED';
}

export class RejectedRecipientResponse {
  @ApiProperty({ example: 'not-a-number', description: 'As given in the request' }) phoneNumber!: string;
  @ApiProperty({
    example: 'INVALID_PHONE_NUMBER',
    description: 'Why, e.g. INVALID_PHONE_NUMBER, OPTED_OUT, FREQUENCY_LIMITED, or INSUFFICIENT_BALANCE when the available balance no longer covers the recipient',
  })
  code!: string;
  @ApiProperty() detail!: string;
}

export class SendMessagesResponse implements SendMessagesResult {
  @ApiProperty({ description: 'The same for a retry with the same Idempotency-Key and body' }) batchId!: string;
  @ApiProperty({ type: [AcceptedMessageResponse] }) messages!: AcceptedMessageResponse[];
  @ApiProperty({ type: [RejectedRecipientResponse], description: 'Recipients refused one by one; they never fail the batch' })
  rejected!: RejectedRecipientResponse[];
}

export class MessageErrorResponse {
  @ApiProperty({ example: 'UNDELIVERED' }) code!: string;
  @ApiPropertyOptional() detail?: string;
}

export class MessageResponse implements MessageView {
  @ApiProperty() messageId!: string;
  @ApiProperty() batchId!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ example: '+8613800138000' }) phoneNumber!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ example: 1 }) segments!: number;
  @ApiProperty({ example: 'CMCC' }) operator!: string;
  @ApiProperty({ enum: MESSAGE_KINDS }) kind!: string;
  @ApiPropertyOptional() outId?: string;
  @ApiProperty({ format: 'date-time' }) acceptedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When a scheduled message goes (or went) out' }) scheduledAt?: string;
  @ApiPropertyOptional({ example: '0.0900', description: 'Unit price × segments as reserved when it was routed (decimal string, 4 places)' }) price?: string;
  @ApiPropertyOptional({ format: 'date-time' }) submittedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) deliveredAt?: string;
  @ApiPropertyOptional({ type: MessageErrorResponse }) error?: MessageErrorResponse;
  @ApiPropertyOptional({ example: 'smpp-default', description: 'The operator channel it went out on' }) channel?: string;
  @ApiPropertyOptional({ description: 'The rendered text (GET one message, for the account’s own key only)' }) content?: string;
  @ApiPropertyOptional({ example: '1000', description: 'Extension code of the message’s signature: it goes out from the service number followed by this code, and replies to that address reach the account' })
  sourceExtension?: string;
}

export class MessagePage {
  @ApiProperty({ type: [MessageResponse] }) items!: MessageResponse[];
  @ApiPropertyOptional({ description: 'Pass as cursor for the next page; absent on the last page' }) nextCursor?: string;
}
