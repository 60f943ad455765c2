import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, BODY_PROBLEMS } from '@sms/service-kit';
import { DecideSignatureHandler } from '../decide-signature/handler';
import { DecideTemplateHandler } from '../decide-template/handler';
import { GetSignatureHandler } from '../get-signature/handler';
import { GetTemplateHandler } from '../get-template/handler';
import { ListReviewQueueHandler } from '../list-review-queue/handler';
import { SubmitSignatureHandler } from '../submit-signature/handler';
import { SubmitTemplateHandler } from '../submit-template/handler';
import { DecisionDto, ReviewQueueQuery, ReviewQueueResponse, SignatureResponse, SubmitSignatureDto, SubmitTemplateDto, TemplateResponse } from './dto';
import { toReviewQueueItem, toSignatureResponse, toTemplateResponse } from './mappers';

@ApiTags('signatures')
@Controller('v1/signatures')
export class SignaturesController {
  constructor(
    private readonly submitSignature: SubmitSignatureHandler,
    private readonly getSignature: GetSignatureHandler,
    private readonly decideSignature: DecideSignatureHandler,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Submit a signature with its qualification documents for review' })
  @ApiCreatedResponse({ type: SignatureResponse })
  @ApiProblems(...BODY_PROBLEMS)
  async submit(@Body() body: SubmitSignatureDto): Promise<SignatureResponse> {
    return toSignatureResponse(await this.submitSignature.handle(body));
  }

  @Get(':signatureId')
  @ApiOperation({ summary: 'A signature and its review status' })
  @ApiOkResponse({ type: SignatureResponse })
  @ApiProblems('SIGNATURE_NOT_FOUND')
  async get(@Param('signatureId') signatureId: string): Promise<SignatureResponse> {
    return toSignatureResponse(await this.getSignature.handle(signatureId));
  }

  @Post(':signatureId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve or reject a pending signature (a rejection needs a reason)' })
  @ApiOkResponse({ type: SignatureResponse })
  @ApiProblems(...BODY_PROBLEMS, 'SIGNATURE_NOT_FOUND', 'ALREADY_DECIDED', 'CONCURRENCY_CONFLICT')
  async decide(@Param('signatureId') signatureId: string, @Body() body: DecisionDto): Promise<SignatureResponse> {
    return toSignatureResponse(await this.decideSignature.handle({ signatureId, approve: body.approve, reason: body.reason }));
  }
}

@ApiTags('templates')
@Controller('v1/templates')
export class TemplatesController {
  constructor(
    private readonly submitTemplate: SubmitTemplateHandler,
    private readonly getTemplate: GetTemplateHandler,
    private readonly decideTemplate: DecideTemplateHandler,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Submit a template; it is screened at once (BLOCK rejects it, otherwise a reviewer decides)' })
  @ApiCreatedResponse({ type: TemplateResponse })
  @ApiProblems(...BODY_PROBLEMS)
  async submit(@Body() body: SubmitTemplateDto): Promise<TemplateResponse> {
    return toTemplateResponse(await this.submitTemplate.handle(body));
  }

  @Get(':templateId')
  @ApiOperation({ summary: 'A template, its screening result and review status' })
  @ApiOkResponse({ type: TemplateResponse })
  @ApiProblems('TEMPLATE_NOT_FOUND')
  async get(@Param('templateId') templateId: string): Promise<TemplateResponse> {
    return toTemplateResponse(await this.getTemplate.handle(templateId));
  }

  @Post(':templateId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve or reject a pending template (a rejection needs a reason)' })
  @ApiOkResponse({ type: TemplateResponse })
  @ApiProblems(...BODY_PROBLEMS, 'TEMPLATE_NOT_FOUND', 'ALREADY_DECIDED', 'CONCURRENCY_CONFLICT')
  async decide(@Param('templateId') templateId: string, @Body() body: DecisionDto): Promise<TemplateResponse> {
    return toTemplateResponse(await this.decideTemplate.handle({ templateId, approve: body.approve, reason: body.reason }));
  }
}

@ApiTags('review')
@Controller('v1/review-queue')
export class ReviewQueueController {
  constructor(private readonly listReviewQueue: ListReviewQueueHandler) {}

  @Get()
  @ApiOperation({ summary: 'Signatures and templates waiting for a reviewer, oldest first (eventually consistent read model)' })
  @ApiOkResponse({ type: ReviewQueueResponse })
  @ApiProblems('VALIDATION_FAILED')
  async list(@Query() query: ReviewQueueQuery): Promise<ReviewQueueResponse> {
    return { items: (await this.listReviewQueue.handle({ limit: query.limit })).map(toReviewQueueItem) };
  }
}
