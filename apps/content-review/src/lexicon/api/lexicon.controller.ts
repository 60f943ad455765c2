import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, BODY_PROBLEMS, Caller, type Principal } from '@sms/service-kit';
import { AddTermHandler } from '../add-term/handler';
import { ListLexiconHandler } from '../list-lexicon/handler';
import { RetireTermHandler } from '../retire-term/handler';
import { AddedTermResponse, AddTermDto, LexiconQuery, LexiconResponse, RetireTermDto, toLexiconResponse, toLexiconTerm } from './dto';

@ApiTags('lexicon')
@Controller('v1/lexicon')
export class LexiconController {
  constructor(
    private readonly listLexicon: ListLexiconHandler,
    private readonly addTerm: AddTermHandler,
    private readonly retireTerm: RetireTermHandler,
  ) {}

  @Get()
  @Access('reviewer', 'operator')
  @ApiOperation({ summary: 'The screening lexicon this instance applies: built-in and runtime terms, with its version' })
  @ApiOkResponse({ type: LexiconResponse })
  @ApiProblems('VALIDATION_FAILED')
  list(@Query() query: LexiconQuery): LexiconResponse {
    return toLexiconResponse(this.listLexicon.handle({ offset: query.offset, limit: query.limit }));
  }

  @Post('terms')
  @Access('reviewer')
  @ApiOperation({ summary: 'Add a term to a category; every instance screens with it within 1 s' })
  @ApiCreatedResponse({ type: AddedTermResponse })
  @ApiProblems(...BODY_PROBLEMS, 'TERM_EXISTS', 'CONCURRENCY_CONFLICT')
  async add(@Body() body: AddTermDto, @Caller() caller: Principal): Promise<AddedTermResponse> {
    const added = await this.addTerm.handle({ term: body.term, category: body.category, action: body.action, addedBy: caller.keyId });
    return { ...toLexiconTerm(added), version: added.version };
  }

  @Delete('terms/:termId')
  @HttpCode(204)
  @Access('reviewer')
  @ApiOperation({ summary: 'Retire a built-in or runtime term; every instance stops matching it within 1 s' })
  @ApiNoContentResponse({ description: 'Retired' })
  @ApiProblems(...BODY_PROBLEMS, 'TERM_NOT_FOUND', 'TERM_RETIRED', 'CONCURRENCY_CONFLICT')
  async retire(@Param('termId') termId: string, @Body() body: RetireTermDto, @Caller() caller: Principal): Promise<void> {
    await this.retireTerm.handle({ termId, reason: body?.reason, retiredBy: caller.keyId });
  }
}
