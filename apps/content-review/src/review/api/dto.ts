import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_KINDS, type MessageKind, type ReviewStatus, type ScreeningOutcome } from '@sms/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SIGNATURE_PURPOSES } from '../domain/events';
import { MAX_DOCUMENTS, MAX_REASON, SIGNATURE_NAME_MAX, SIGNATURE_NAME_MIN } from '../domain/signature';
import { TEMPLATE_CONTENT_MAX, TEMPLATE_NAME_MAX } from '../domain/template';

const REVIEW_STATUSES: ReviewStatus[] = ['PENDING_REVIEW', 'APPROVED', 'REJECTED', 'REVOKED'];

// Lengths counted in characters (code points) are checked by the domain; the DTO bounds the raw size.

export class QualificationDocumentDto {
  @ApiProperty({ example: 'business-licence', description: 'business-licence, trademark-certificate, app-ownership, authorisation-letter, …', maxLength: 64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  kind!: string;

  @ApiProperty({ example: 'BL-91330100', description: 'Where the reviewer finds the document (number, file id or URL).', maxLength: 512 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  reference!: string;
}

export class SubmitSignatureDto {
  @ApiPropertyOptional({ example: '5b0c2f3e-7d7a-4d4c-9a53-4e2d8f0b6a11', description: 'Implied by a customer key; required with a staff key' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  accountId?: string;

  @ApiProperty({ example: '阿里云', minLength: SIGNATURE_NAME_MIN, maxLength: SIGNATURE_NAME_MAX, description: 'Shown as 【name】; without brackets.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  name!: string;

  @ApiProperty({ enum: SIGNATURE_PURPOSES, example: 'company' })
  @IsIn(SIGNATURE_PURPOSES)
  purpose!: string;

  @ApiProperty({ type: [QualificationDocumentDto], minItems: 1, maxItems: MAX_DOCUMENTS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_DOCUMENTS)
  @ValidateNested({ each: true })
  @Type(() => QualificationDocumentDto)
  documents!: QualificationDocumentDto[];
}

export class SubmitTemplateDto {
  @ApiPropertyOptional({ example: '5b0c2f3e-7d7a-4d4c-9a53-4e2d8f0b6a11', description: 'Implied by a customer key; required with a staff key' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  accountId?: string;

  @ApiProperty({ example: 'login code', maxLength: TEMPLATE_NAME_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  name!: string;

  @ApiProperty({ enum: MESSAGE_KINDS, example: 'verification' })
  @IsIn(MESSAGE_KINDS)
  kind!: MessageKind;

  @ApiProperty({
    example: '您的验证码为${code}，5分钟内有效。',
    maxLength: TEMPLATE_CONTENT_MAX,
    description: 'Variables as ${name}, typed by name (code: digits ≤ 8, name, amount, date, url on allow-listed domains; amount_due, date2 … a second of a kind), or ${x:type} with one of code, name, amount, date, url, text (another type → 400); other names are free text. Every parameter is checked against its type when sending; name and text never carry a link or a phone number. No 【】: the signature is added when sending.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  content!: string;
}

export class DecisionDto {
  @ApiProperty({ example: true })
  @IsBoolean()
  approve!: boolean;

  @ApiPropertyOptional({ example: 'qualification documents do not match the name', maxLength: MAX_REASON, description: 'Required to reject.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export const REVIEW_QUEUE_TYPES = ['signature', 'template', 'message'] as const;
export type ReviewQueueType = (typeof REVIEW_QUEUE_TYPES)[number];

/** A page of a review list: `limit` 1–500 (100), and the opaque `nextCursor` of the previous page. */
class ReviewPageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (of the same list, and for the queue the same type)' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class ReviewQueueQuery extends ReviewPageQuery {
  @ApiPropertyOptional({
    enum: REVIEW_QUEUE_TYPES,
    description: 'One queue, paged by cursor: pending signatures, pending templates, or messages screening held (ADR 0036). Absent: signatures and templates, one page.',
  })
  @IsOptional()
  @IsIn(REVIEW_QUEUE_TYPES)
  type?: ReviewQueueType;
}

export class SignatureResponse {
  @ApiProperty() signatureId!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: SIGNATURE_PURPOSES }) purpose!: string;
  @ApiProperty({ type: [QualificationDocumentDto] }) documents!: QualificationDocumentDto[];
  @ApiProperty({ enum: REVIEW_STATUSES }) status!: ReviewStatus;
  @ApiPropertyOptional({ description: 'Why it was rejected or revoked (or a note on the approval).' }) reason?: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) decidedAt?: string;
}

export class ScreeningSummary {
  @ApiProperty({ enum: ['PASS', 'REVIEW', 'BLOCK'] }) outcome!: ScreeningOutcome;
  @ApiPropertyOptional({ example: 'GAMBLING' }) category?: string;
}

export class TemplateResponse {
  @ApiProperty() templateId!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: MESSAGE_KINDS }) kind!: MessageKind;
  @ApiProperty() content!: string;
  @ApiProperty({ type: [String], example: ['code'] }) variables!: string[];
  @ApiProperty({ enum: REVIEW_STATUSES }) status!: ReviewStatus;
  @ApiPropertyOptional({ description: 'Why it was rejected or revoked; the screening category when screening blocked it.' }) reason?: string;
  @ApiProperty({ type: ScreeningSummary, description: 'Automatic screening at submission.' }) screening!: ScreeningSummary;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) decidedAt?: string;
}

export class ReviewQueueItem {
  @ApiProperty({ enum: REVIEW_QUEUE_TYPES }) type!: ReviewQueueType;
  @ApiProperty({ description: 'The signature, template or message id.' }) id!: string;
  @ApiProperty() accountId!: string;
  @ApiPropertyOptional({ description: 'Signatures and templates.' }) name?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Signatures and templates.' }) submittedAt?: string;
  @ApiPropertyOptional({ description: 'Messages: the held message.' }) messageId?: string;
  @ApiPropertyOptional({ description: 'Messages: its batch.' }) batchId?: string;
  @ApiPropertyOptional({ example: 'fraud', description: 'Messages: the screening category it was held for.' }) category?: string;
  @ApiPropertyOptional({ type: [String], example: ['加微信'], description: 'Messages: the lexicon terms found.' }) terms?: string[];
  @ApiPropertyOptional({ format: 'date-time', description: 'Messages: when screening held it.' }) heldAt?: string;
  @ApiPropertyOptional({ description: 'Messages: the text to decide on; [destroyed] once the account\'s data was erased.' }) text?: string;
  @ApiPropertyOptional({ enum: SIGNATURE_PURPOSES }) purpose?: string;
  @ApiPropertyOptional({ type: [QualificationDocumentDto] }) documents?: QualificationDocumentDto[];
  @ApiPropertyOptional({ enum: MESSAGE_KINDS }) kind?: string;
  @ApiPropertyOptional() content?: string;
  @ApiPropertyOptional({ type: ScreeningSummary }) screening?: ScreeningSummary;
}

export class ReviewQueueResponse {
  @ApiProperty({ type: [ReviewQueueItem], description: 'Pending items, oldest first (submission, or for messages when held).' })
  items!: ReviewQueueItem[];
  @ApiPropertyOptional({ description: 'With type: pass as cursor for the next page; absent on the last page' }) nextCursor?: string;
}

/** `POST /v1/messages/{messageId}/review-decision` (ADR 0036). */
export class HeldMessageDecisionDto {
  @ApiProperty({ example: true, description: 'true: sent like a cleared message; false: BLOCKED, never sent, never billed.' })
  @IsBoolean()
  release!: boolean;

  @ApiPropertyOptional({ example: 'opt-out instruction missing', maxLength: MAX_REASON })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({
    example: true,
    description: 'With release false only: the block is also a confirmed violation of the account (origin REVIEWER; the account is suspended). With release true: 400 VALIDATION_FAILED.',
  })
  @IsOptional()
  @IsBoolean()
  recordViolation?: boolean;
}

export class HeldMessageDecisionResponse {
  @ApiProperty() messageId!: string;
  @ApiProperty() released!: boolean;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
  @ApiPropertyOptional({ description: 'The violation recorded with the block (recordViolation: true); one per message.' }) violationId?: string;
}

export class RevocationDto {
  @ApiProperty({ example: 'IP complaint upheld: trademark belongs to another company', maxLength: MAX_REASON, description: 'Why: a confirmed violation or an IP complaint (terms §5.2).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

/** `GET /v1/signatures` and `GET /v1/templates`: a customer sees its own account; staff any, or one by accountId. */
export class ReviewListQuery extends ReviewPageQuery {
  @ApiPropertyOptional({ description: 'Implied by a customer key; optional with a staff key (all accounts when absent)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  accountId?: string;

  @ApiPropertyOptional({ enum: REVIEW_STATUSES })
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  status?: ReviewStatus;
}

export class SignatureListResponse {
  @ApiProperty({ type: [SignatureResponse], description: 'Oldest submission first (eventually consistent read model).' }) items!: SignatureResponse[];
  @ApiPropertyOptional({ description: 'Pass as cursor for the next page; absent on the last page' }) nextCursor?: string;
}

export class TemplateListResponse {
  @ApiProperty({ type: [TemplateResponse], description: 'Oldest submission first (eventually consistent read model).' }) items!: TemplateResponse[];
  @ApiPropertyOptional({ description: 'Pass as cursor for the next page; absent on the last page' }) nextCursor?: string;
}
