import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_KINDS, type MessageKind, type OperatorCode } from '@sms/contracts';
import { UtcTime } from '@sms/service-kit';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ROUTABLE_OPERATORS } from '../../messages/domain/routing';
import { MAX_PRIORITY, MAX_TPS } from '../domain/channel';
import type { ChannelProtocol } from '../domain/events';

/** PUT /v1/channels/{channelId}: the channel's routing attributes, all of them (a replacement, not a patch). */
export class ConfigureChannelDto {
  @ApiProperty({ enum: ['smpp', 'cmpp'], description: 'Its connection (host, binds, window) is the carrier adapter’s configuration' })
  @IsIn(['smpp', 'cmpp'])
  protocol!: ChannelProtocol;

  @ApiProperty({ enum: ROUTABLE_OPERATORS, isArray: true, description: 'Operators it carries; INTERNATIONAL: numbers outside mainland China, by `countries`' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ROUTABLE_OPERATORS.length) @IsIn(ROUTABLE_OPERATORS, { each: true })
  operators!: OperatorCode[];

  @ApiPropertyOptional({ type: [String], default: ['*'], example: ['GB', '+1'], description: 'International destinations: ISO 3166 alpha-2 codes or calling codes; * for all' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(300) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(4, { each: true })
  countries?: string[];

  @ApiProperty({ enum: MESSAGE_KINDS, isArray: true })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MESSAGE_KINDS.length) @IsIn(MESSAGE_KINDS as MessageKind[], { each: true })
  kinds!: MessageKind[];

  @ApiProperty({ minimum: 0, maximum: MAX_PRIORITY, description: 'Among channels of equal health, the higher is preferred' })
  @IsInt() @Min(0) @Max(MAX_PRIORITY)
  priority!: number;

  @ApiProperty({ minimum: 0, maximum: MAX_TPS, description: 'submit_sm per second the carrier adapter keeps to; 0 = no cap' })
  @IsInt() @Min(0) @Max(MAX_TPS)
  tps!: number;

  @ApiProperty({ description: 'A disabled channel is never routed to; what waits on it is handed back and routed elsewhere' })
  @IsBoolean()
  enabled!: boolean;
}

export class PauseChannelDto {
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class ChannelHealthResponse {
  @ApiProperty({ enum: ['UP', 'DOWN', 'THROTTLING'] }) state!: string;
  @ApiProperty({ format: 'date-time', description: 'When the channel entered this state' }) since!: string;
  @ApiProperty() sessions!: number;
  @ApiProperty() sessionsBound!: number;
  @ApiProperty({ description: 'submit_sm the windows may hold' }) windowSize!: number;
  @ApiProperty({ description: 'submit_sm in the windows now' }) windowInUse!: number;
  @ApiProperty({ description: 'Messages queued for it and not yet answered' }) queued!: number;
  @ApiProperty() submitsPerSecond!: number;
  @ApiProperty() p50SubmitLatencyMs!: number;
  @ApiProperty({ description: 'Refused segments / answered segments (0..1)' }) errorRate!: number;
  @ApiProperty({ description: 'Throttling answers / submit_sm answered (0..1)' }) throttleRate!: number;
  @ApiProperty({ format: 'date-time' }) reportedAt!: string;
  @ApiPropertyOptional({ minimum: 0, description: 'Delivery receipts the carrier adapter keeps for this channel without a known message (an operator id no submission mapped); absent when the adapter does not report it' })
  unmatchedReceipts?: number;
}

export class ChannelResponse {
  @ApiProperty({ example: 'smpp-default' }) channelId!: string;
  @ApiProperty({ enum: ['smpp', 'cmpp'] }) protocol!: string;
  @ApiProperty({ enum: ROUTABLE_OPERATORS, isArray: true }) operators!: string[];
  @ApiProperty({ type: [String] }) countries!: string[];
  @ApiProperty({ enum: MESSAGE_KINDS, isArray: true }) kinds!: string[];
  @ApiProperty() priority!: number;
  @ApiProperty() tps!: number;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() paused!: boolean;
  @ApiPropertyOptional() pausedReason?: string;
  @ApiProperty({ enum: ['UP', 'THROTTLING', 'DOWN', 'UNKNOWN', 'PAUSED', 'DISABLED'], description: 'What routing goes by; UNKNOWN: no recent report from the carrier adapter' })
  state!: string;
  @ApiProperty({ format: 'date-time', description: 'Last change of its attributes or its pause' }) updatedAt!: string;
  @ApiPropertyOptional({ type: ChannelHealthResponse, description: 'The carrier adapter’s last report (absent when none is recent)' }) health?: ChannelHealthResponse;
}

export class ChannelList {
  @ApiProperty({ type: [ChannelResponse] }) items!: ChannelResponse[];
}

/** PUT /v1/maintenance */
export class MaintenanceDto {
  @ApiProperty() @IsBoolean() active!: boolean;
  @ApiPropertyOptional({ format: 'date-time', description: 'When it ends by itself (RFC 3339, in the future)' }) @IsOptional() @UtcTime() until?: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class MaintenanceResponse {
  @ApiProperty({ description: 'On now: sends answer 503 MAINTENANCE, nothing is submitted' }) active!: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) until?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the current (or last) window started, or when it ended' }) since?: string;
}
