import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { TERM_ACTIONS, type TermAction } from '../domain/events';
import { LEXICON_CATEGORIES, type LexiconSource, type LexiconTerm, MAX_RETIRE_REASON, MAX_TERM_LENGTH } from '../domain/lexicon';
import type { LexiconPage } from '../list-lexicon/handler';

export const MAX_LEXICON_PAGE = 1000;

export class LexiconQuery {
  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Terms to skip (nextOffset of the previous page).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LEXICON_PAGE, default: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LEXICON_PAGE)
  limit?: number;
}

// The category is checked by the domain (400 VALIDATION_FAILED naming it), the DTO bounds the raw input.
export class AddTermDto {
  @ApiProperty({ example: '刷单兼职', maxLength: MAX_TERM_LENGTH, description: 'Matched after the same normalisation as messages (width, case, spacing, homoglyphs…).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TERM_LENGTH)
  term!: string;

  @ApiProperty({ enum: LEXICON_CATEGORIES, example: 'FRAUD' })
  @IsString()
  @MaxLength(64)
  category!: string;

  @ApiProperty({ enum: TERM_ACTIONS, example: 'BLOCK' })
  @IsIn(TERM_ACTIONS)
  action!: TermAction;
}

export class RetireTermDto {
  @ApiPropertyOptional({ maxLength: MAX_RETIRE_REASON, example: 'matches legitimate courier notifications' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_RETIRE_REASON)
  reason?: string;
}

export class LexiconTermResponse {
  @ApiProperty({ example: '5b0c2f3e-7d7a-4d4c-9a53-4e2d8f0b6a11', description: 'builtin:<CATEGORY>:<term> for built-in terms' }) termId!: string;
  @ApiProperty({ example: '刷单兼职' }) term!: string;
  @ApiProperty({ enum: LEXICON_CATEGORIES, example: 'FRAUD' }) category!: string;
  @ApiProperty({ enum: TERM_ACTIONS }) action!: TermAction;
  @ApiProperty({ enum: ['builtin', 'runtime'] }) source!: LexiconSource;
}

export class AddedTermResponse extends LexiconTermResponse {
  @ApiProperty({ example: 1, description: 'The lexicon version this change made (built-in lexicon = 0).' }) version!: number;
}

export class LexiconResponse {
  @ApiProperty({ example: 3, description: 'Changes applied to the built-in lexicon (0 = built-in only).' }) version!: number;
  @ApiProperty({ example: 120, description: 'Terms in this version.' }) total!: number;
  @ApiProperty({ type: [LexiconTermResponse] }) terms!: LexiconTermResponse[];
  @ApiPropertyOptional({ example: 500, description: 'Offset of the next page; absent on the last one.' }) nextOffset?: number;
}

export const toLexiconTerm = (t: LexiconTerm): LexiconTermResponse => ({ termId: t.termId, term: t.term, category: t.category, action: t.action, source: t.source });

export const toLexiconResponse = (page: LexiconPage): LexiconResponse => ({
  version: page.version,
  total: page.total,
  terms: page.terms.map(toLexiconTerm),
  ...(page.nextOffset !== undefined ? { nextOffset: page.nextOffset } : {}),
});
