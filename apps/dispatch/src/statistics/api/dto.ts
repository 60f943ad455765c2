import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UtcTime } from '@sms/service-kit';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { STATISTICS_DIMENSIONS, type StatisticsDimension } from '../domain/statistics-rows';

export class GetStatisticsQuery {
  @ApiPropertyOptional({ description: 'Implied by a customer key; with a staff key, absent means every account' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  accountId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Messages accepted from the start of this hour (RFC 3339); default: 7 days before to' })
  @IsOptional()
  @UtcTime()
  from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Messages accepted before the end of the hour before this time (exclusive); default: now, this hour included. At most 366 days after from' })
  @IsOptional()
  @UtcTime()
  to?: string;
  @ApiPropertyOptional({ enum: STATISTICS_DIMENSIONS, default: 'day', description: 'day and hour are UTC' })
  @IsOptional()
  @IsIn(STATISTICS_DIMENSIONS)
  groupBy?: StatisticsDimension;
}

// Response shapes, for the OpenAPI document: they implement what the mapper returns.

/** A row as the API answers it (the mapper's whitelist). */
export interface StatisticsRowView {
  key: string | null;
  submitted: number;
  delivered: number;
  undelivered: number;
  failed: number;
  failedByReason: Record<string, number>;
  billedSegments: number;
  successRate: number | null;
  p50DeliveryMs: number | null;
  p95DeliveryMs: number | null;
}

export interface StatisticsView {
  accountId?: string;
  from: string;
  to: string;
  groupBy: StatisticsDimension;
  items: StatisticsRowView[];
}

export class StatisticsRowResponse implements StatisticsRowView {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-11-23',
    description: 'YYYY-MM-DD (day), RFC 3339 (hour), or the value of the dimension; null groups messages that never reached a channel',
  })
  key!: string | null;
  @ApiProperty({ example: 980, description: 'Messages the operator acknowledged (SUBMITTED and everything after, FAILED/EXPIRED only once acknowledged)' })
  submitted!: number;
  @ApiProperty({ example: 951 }) delivered!: number;
  @ApiProperty({ example: 20, description: 'The operator reported them not delivered' }) undelivered!: number;
  @ApiProperty({ example: 12, description: 'FAILED, REJECTED, BLOCKED and EXPIRED (no receipt in time); CANCELLED ones are not counted' }) failed!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { NO_ROUTE: 2, INSUFFICIENT_BALANCE: 6, RECEIPT_TIMEOUT: 4 } })
  failedByReason!: Record<string, number>;
  @ApiProperty({ example: 1_203, description: 'Segments of the submitted messages: what the ledger captures' }) billedSegments!: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.9704, description: 'delivered / submitted, 4 decimals; null when nothing was submitted' })
  successRate!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 2_350, description: 'Median of doneAt − submittedAt of delivered messages (histogram estimate)' })
  p50DeliveryMs!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 8_900 }) p95DeliveryMs!: number | null;
}

export class StatisticsResponse implements StatisticsView {
  @ApiPropertyOptional({ description: 'Absent when staff asked for every account' }) accountId?: string;
  @ApiProperty({ format: 'date-time', description: 'Start of the first hour counted' }) from!: string;
  @ApiProperty({ format: 'date-time', description: 'End of the last hour counted (exclusive)' }) to!: string;
  @ApiProperty({ enum: STATISTICS_DIMENSIONS }) groupBy!: StatisticsDimension;
  @ApiProperty({ type: [StatisticsRowResponse] }) items!: StatisticsRowResponse[];
}
