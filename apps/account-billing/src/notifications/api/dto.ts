import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { EMAIL_STATUSES, type EmailStatus } from '../domain/email-delivery';
import { NOTIFICATION_KINDS, type NotificationKind } from '../domain/notification.events';
import { DEFAULT_NOTIFICATION_PAGE, MAX_NOTIFICATION_PAGE } from '../list-notifications/handler';

export class ListNotificationsQuery {
  @ApiPropertyOptional({ default: DEFAULT_NOTIFICATION_PAGE, maximum: MAX_NOTIFICATION_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_NOTIFICATION_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque: nextCursor of the previous page' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) cursor?: string;
}

// Response shapes, for the OpenAPI document; the mapper returns exactly these fields.

export class EmailDeliveryResponse {
  @ApiProperty({ enum: EMAIL_STATUSES, description: 'PENDING until the SMTP server accepted it (SENT), refused it for good or too often (FAILED), or there was no server or no address (SKIPPED)' })
  status!: EmailStatus;
  @ApiProperty({ example: 1 }) attempts!: number;
  @ApiPropertyOptional({ description: 'When the SMTP server accepted it' }) sentAt?: string;
  @ApiPropertyOptional({ example: 'no SMTP server configured (SMTP_URL)', description: 'Why it was skipped or failed, or the last temporary refusal' }) reason?: string;
}

export class NotificationResponse {
  @ApiProperty() notificationId!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: NotificationKind;
  @ApiProperty({ example: 'Low balance: 4.2000 CNY available' }) subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ description: 'RFC 3339: when what it tells happened' }) createdAt!: string;
  @ApiProperty({ type: EmailDeliveryResponse }) email!: EmailDeliveryResponse;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationResponse], description: 'Newest first' }) items!: NotificationResponse[];
  @ApiPropertyOptional({ description: 'Absent on the last page' }) nextCursor?: string;
}
