import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_COMPLAINT_REASON } from '../record-complaint/handler';

export class RecordComplaintDto {
  @ApiProperty({ example: '13812345678', maxLength: 32, description: 'The complaining recipient; sealed at rest, masked in logs and lists.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  phoneNumber!: string;

  @ApiPropertyOptional({ example: '7f3c2a1e-0b9d-4c55-8e21-9a4f6d3b2c10', maxLength: 64 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  messageId?: string;

  @ApiProperty({ example: '5b0c2f3e-7d7a-4d4c-9a53-4e2d8f0b6a11', maxLength: 64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  accountId!: string;

  @ApiProperty({ example: 'unsolicited marketing, never subscribed', maxLength: MAX_COMPLAINT_REASON })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_COMPLAINT_REASON * 2)
  reason!: string;
}

export class ListComplaintsQuery {
  @ApiPropertyOptional({ description: 'Implied by a customer key; required with a staff key.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  accountId?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ComplaintReceiptResponse {
  @ApiProperty() complaintId!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty() receivedAt!: string;
}

export class ComplaintResponse {
  @ApiProperty() complaintId!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ example: '138****5678', description: 'Masked; `[destroyed]` once the account’s data was erased' }) phoneNumber!: string;
  @ApiPropertyOptional() messageId?: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'Key id of the staff member who took it, or `mo-reply`' }) receivedBy!: string;
  @ApiProperty() receivedAt!: string;
  @ApiProperty({ enum: ['API', 'MO'], description: 'Taken through the API, or a complaint keyword in the recipient’s MO reply' }) source!: string;
}

export class ComplaintListResponse {
  @ApiProperty({ type: [ComplaintResponse] }) items!: ComplaintResponse[];
  @ApiPropertyOptional({ description: 'Pass as cursor for the next page; absent on the last page' }) nextCursor?: string;
}
