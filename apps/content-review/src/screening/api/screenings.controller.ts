import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { MESSAGE_KINDS, type MessageKind, type ScreeningOutcome } from '@sms/contracts';
import { Access, ApiProblems, BODY_PROBLEMS } from '@sms/service-kit';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { screen, ScreeningResult } from '../domain/screen';

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
  @ApiProperty({ example: 'GAMBLING' }) category!: string;
  @ApiProperty({ example: 5, description: 'UTF-16 index in content where the occurrence starts.' }) index!: number;
}

export class ScreeningResponse {
  @ApiProperty({ enum: ['PASS', 'REVIEW', 'BLOCK'] }) outcome!: ScreeningOutcome;
  @ApiPropertyOptional({ example: 'GAMBLING' }) category?: string;
  @ApiProperty({ type: [ScreeningMatchDto] }) matches!: ScreeningMatchDto[];
}

export function toScreeningResponse(result: ScreeningResult): ScreeningResponse {
  return {
    outcome: result.outcome,
    ...(result.category ? { category: result.category } : {}),
    matches: result.matches.map((m) => ({ term: m.term, category: m.category, index: m.index })),
  };
}

@ApiTags('screening')
@Controller('v1/screenings')
export class ScreeningsController {
  @Post()
  @HttpCode(200)
  @Access('customer', 'reviewer', 'operator')
  @ApiOperation({ summary: 'Screen a text as it would be screened at send time (no state is kept)' })
  @ApiOkResponse({ type: ScreeningResponse })
  @ApiProblems(...BODY_PROBLEMS)
  screen(@Body() body: ScreeningRequestDto): ScreeningResponse {
    return toScreeningResponse(screen(body.content, body.kind));
  }
}
