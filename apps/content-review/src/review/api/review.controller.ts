import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { REVIEW_READ_MODEL } from '../../tokens';
import { SignatureHandlers } from '../application/signature.handlers';
import { TemplateHandlers } from '../application/template.handlers';
import type { ReviewReadModel } from '../infrastructure/review-read-model';
import { DecisionDto, ReviewQueueQuery, ReviewQueueResponse, SignatureResponse, SubmitSignatureDto, SubmitTemplateDto, TemplateResponse } from './dto';
import { toReviewQueueItem, toSignatureResponse, toTemplateResponse } from './mappers';

@ApiTags('signatures')
@Controller('v1/signatures')
export class SignaturesController {
  constructor(private readonly signatures: SignatureHandlers) {}

  @Post()
  @ApiOperation({ summary: 'Submit a signature with its qualification documents for review' })
  @ApiCreatedResponse({ type: SignatureResponse })
  async submit(@Body() body: SubmitSignatureDto): Promise<SignatureResponse> {
    return toSignatureResponse(await this.signatures.submit(body));
  }

  @Get(':signatureId')
  @ApiOkResponse({ type: SignatureResponse })
  async get(@Param('signatureId') signatureId: string): Promise<SignatureResponse> {
    return toSignatureResponse(await this.signatures.get(signatureId));
  }

  @Post(':signatureId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve or reject a pending signature (a rejection needs a reason)' })
  @ApiOkResponse({ type: SignatureResponse })
  async decide(@Param('signatureId') signatureId: string, @Body() body: DecisionDto): Promise<SignatureResponse> {
    return toSignatureResponse(await this.signatures.decide(signatureId, body.approve, body.reason));
  }
}

@ApiTags('templates')
@Controller('v1/templates')
export class TemplatesController {
  constructor(private readonly templates: TemplateHandlers) {}

  @Post()
  @ApiOperation({ summary: 'Submit a template; it is screened at once (BLOCK rejects it, otherwise a reviewer decides)' })
  @ApiCreatedResponse({ type: TemplateResponse })
  async submit(@Body() body: SubmitTemplateDto): Promise<TemplateResponse> {
    return toTemplateResponse(await this.templates.submit(body));
  }

  @Get(':templateId')
  @ApiOkResponse({ type: TemplateResponse })
  async get(@Param('templateId') templateId: string): Promise<TemplateResponse> {
    return toTemplateResponse(await this.templates.get(templateId));
  }

  @Post(':templateId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve or reject a pending template (a rejection needs a reason)' })
  @ApiOkResponse({ type: TemplateResponse })
  async decide(@Param('templateId') templateId: string, @Body() body: DecisionDto): Promise<TemplateResponse> {
    return toTemplateResponse(await this.templates.decide(templateId, body.approve, body.reason));
  }
}

@ApiTags('review')
@Controller('v1/review-queue')
export class ReviewQueueController {
  constructor(@Inject(REVIEW_READ_MODEL) private readonly readModel: ReviewReadModel) {}

  @Get()
  @ApiOperation({ summary: 'Signatures and templates waiting for a reviewer, oldest first (eventually consistent read model)' })
  @ApiOkResponse({ type: ReviewQueueResponse })
  list(@Query() query: ReviewQueueQuery): ReviewQueueResponse {
    return { items: this.readModel.pending(query.limit ?? 100).map(toReviewQueueItem) };
  }
}
