import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { MESSAGE_KINDS, type MessageKind, type ScreeningOutcome } from '@sms/contracts';
import { Access, ApiProblems, BODY_PROBLEMS } from '@sms/service-kit';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { CurrentLexicon } from '../../lexicon/application/current-lexicon';
import type { ScreeningResult } from '../domain/screen';

export const MAX_SCREENED_CONTENT = 5000;

export class ScreeningRequestDto {
  @ApiProperty({ example: '【阿里云】您的验证码为123456，5分钟内有效。', maxLength: MAX_SCREENED_CONTENT })
  @IsString()
  @MaxLength(MAX_SCREENED_CONTENT)
  content!: string;

  @ApiProperty({ enum: MESSAGE_KINDS, example: 'verification', description: 'marketing texts must carry an opt-out instruction' })
  @IsIn(MESSAGE_KINDS)
  kind!: MessageKind;
}

export class ScreeningMatchDto {
  @ApiProperty({ example: '赌博', description: 'The lexicon term (not the evasive spelling found).' }) term!: string;
  @ApiProperty({ example: 'gambling', description: 'A CONTRACTS.md category, or the rule `url-not-allowed`.' }) category!: string;
  @ApiProperty({ example: 5, description: 'UTF-16 index in content where the occurrence starts.' }) start!: number;
  @ApiProperty({ example: 8, description: 'UTF-16 index in content just after the occurrence.' }) end!: number;
}

export class ScreeningResponse {
  @ApiProperty({ enum: ['PASS', 'REVIEW', 'BLOCK'] }) outcome!: ScreeningOutcome;
  @ApiPropertyOptional({ example: 'gambling', description: 'The category, or the rule `missing-opt-out` / `url-not-allowed`.' }) category?: string;
  @ApiProperty({ type: [ScreeningMatchDto] }) matches!: ScreeningMatchDto[];
  @ApiPropertyOptional({ example: 3, description: 'The runtime lexicon version screened with (0 = built-in terms only; ADR 0035).' }) lexiconVersion?: number;
}

export function toScreeningResponse(result: ScreeningResult): ScreeningResponse {
  return {
    outcome: result.outcome,
    ...(result.category ? { category: result.category } : {}),
    matches: result.matches.map((m) => ({ term: m.term, category: m.category, start: m.start, end: m.end })),
  };
}

@ApiTags('screening')
@Controller('v1/screenings')
export class ScreeningsController {
  constructor(private readonly lexicon: CurrentLexicon) {}

  @Post()
  @HttpCode(200)
  @Access('customer', 'reviewer', 'operator')
  @ApiOperation({ summary: 'Screen a text as it would be screened at send time (no state is kept)' })
  @ApiOkResponse({ type: ScreeningResponse })
  @ApiProblems(...BODY_PROBLEMS)
  screen(@Body() body: ScreeningRequestDto): ScreeningResponse {
    const { engine, version } = this.lexicon.snapshot();
    return { ...toScreeningResponse(engine.screen(body.content, body.kind)), lexiconVersion: version };
  }
}
