import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UtcTime } from '@sms/service-kit';
import { IsOptional } from 'class-validator';

export class ReconciliationQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Start (inclusive, RFC 3339); default: the start of the UTC month the period ends in' })
  @IsOptional()
  @UtcTime()
  from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: `End (exclusive, RFC 3339); default: the start of next UTC month. After from, at most 366 days later` })
  @IsOptional()
  @UtcTime()
  to?: string;
}

/** What the mapper returns (a whitelist); the classes below describe it for the OpenAPI document. */
export interface StatementReconciliationView {
  statementId: string;
  periodStart: string;
  periodEnd: string;
  operatorSegments: number;
  submittedSegments: number;
  errorPermille: number | null;
  withinTolerance: boolean;
  importedAt: string;
}

export interface ReconciliationView {
  accountId: string;
  from: string;
  to: string;
  submittedSegments: number;
  billedSegments: number;
  errorPermille: number | null;
  withinTolerance: boolean;
  statement?: StatementReconciliationView;
}

const PERMILLE =
  'Rounded up to 3 decimals (never shown below the real error); 0 when both counts are 0; null when nothing was submitted but something was counted (an unbounded error)';

export class StatementReconciliationResponse implements StatementReconciliationView {
  @ApiProperty() statementId!: string;
  @ApiProperty({ format: 'date-time', description: 'Start of the statement’s first period' }) periodStart!: string;
  @ApiProperty({ format: 'date-time', description: 'End of its last period (exclusive)' }) periodEnd!: string;
  @ApiProperty({ example: 98_000, description: 'Segments the operator’s statement counts' }) operatorSegments!: number;
  @ApiProperty({ example: 100_000, description: 'Segments the operator acknowledged to us over the statement’s periods' }) submittedSegments!: number;
  @ApiProperty({ type: Number, nullable: true, example: 20, description: `|operatorSegments − submittedSegments| / submittedSegments × 1000. ${PERMILLE}` })
  errorPermille!: number | null;
  @ApiProperty({ example: false, description: 'The error is at most 5‰ (terms §2.4)' }) withinTolerance!: boolean;
  @ApiProperty({ format: 'date-time' }) importedAt!: string;
}

export class ReconciliationResponse implements ReconciliationView {
  @ApiProperty() accountId!: string;
  @ApiProperty({ format: 'date-time', description: 'Start of the period (inclusive)' }) from!: string;
  @ApiProperty({ format: 'date-time', description: 'End of the period (exclusive)' }) to!: string;
  @ApiProperty({ example: 100_000, description: 'Segments the operator acknowledged for messages submitted in the period (the carrier’s side)' })
  submittedSegments!: number;
  @ApiProperty({ example: 100_000, description: 'Segments the ledger captured for them (its side); a message counts in the period it was submitted in' })
  billedSegments!: number;
  @ApiProperty({ type: Number, nullable: true, example: 0, description: `|billedSegments − submittedSegments| / submittedSegments × 1000. ${PERMILLE}` })
  errorPermille!: number | null;
  @ApiProperty({ example: true, description: 'The error is at most 5‰ (terms §2.4; our own bar is 0‰)' }) withinTolerance!: boolean;
  @ApiPropertyOptional({ type: StatementReconciliationResponse, description: 'The operator statement imported last whose period contains this one, reconciled over its own periods' })
  statement?: StatementReconciliationResponse;
}

/** The statement format, for the OpenAPI description (statement-csv.ts is the rule). */
export const STATEMENT_CSV_DESCRIPTION = [
  'An operator’s statement as CSV (RFC 4180, UTF-8): the header `period_start,period_end,segments`, then one line per period.',
  'Bounds are both dates `YYYY-MM-DD` (whole UTC days, period_end included) or both RFC 3339 times (period_end excluded);',
  'segments is a whole number ≥ 0. Periods may leave gaps but not overlap, span at most 366 days, at most 10,000 lines.',
  'Quoted cells, a byte order mark, CRLF and blank lines are accepted. A malformed statement is 400 VALIDATION_FAILED naming the line.',
].join(' ');

export const STATEMENT_CSV_EXAMPLE = 'period_start,period_end,segments\r\n2026-11-01,2026-11-15,48210\r\n2026-11-16,2026-11-30,51007\r\n';
