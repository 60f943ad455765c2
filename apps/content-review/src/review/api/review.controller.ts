import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, BODY_PROBLEMS, Caller, DomainError, type Principal, TenantAccess } from '@sms/service-kit';
import { DecideSignatureHandler } from '../decide-signature/handler';
import { DecideTemplateHandler } from '../decide-template/handler';
import { GetSignatureHandler } from '../get-signature/handler';
import { GetTemplateHandler } from '../get-template/handler';
import { ListHeldMessagesHandler } from '../list-held-messages/handler';
import { ListReviewQueueHandler } from '../list-review-queue/handler';
import { ListSignaturesHandler } from '../list-signatures/handler';
import { ListTemplatesHandler } from '../list-templates/handler';
import { RevokeSignatureHandler } from '../revoke-signature/handler';
import { RevokeTemplateHandler } from '../revoke-template/handler';
import { SubmitSignatureHandler } from '../submit-signature/handler';
import { SubmitTemplateHandler } from '../submit-template/handler';
import {
  DecisionDto,
  ReviewListQuery,
  ReviewQueueQuery,
  ReviewQueueResponse,
  RevocationDto,
  SignatureListResponse,
  SignatureResponse,
  SubmitSignatureDto,
  SubmitTemplateDto,
  TemplateListResponse,
  TemplateResponse,
} from './dto';
import { toHeldQueueItem, toReviewQueueItem, toSignatureListItem, toSignatureResponse, toTemplateListItem, toTemplateResponse } from './mappers';

@ApiTags('signatures')
@Controller('v1/signatures')
export class SignaturesController {
  constructor(
    private readonly submitSignature: SubmitSignatureHandler,
    private readonly getSignature: GetSignatureHandler,
    private readonly decideSignature: DecideSignatureHandler,
    private readonly listSignatures: ListSignaturesHandler,
    private readonly revokeSignature: RevokeSignatureHandler,
    private readonly tenants: TenantAccess,
  ) {}

  @Get()
  @Access('customer', 'reviewer', 'operator')
  @ApiOperation({ summary: "Signatures, oldest first: a customer's own; staff all, or by accountId and status (eventually consistent)" })
  @ApiOkResponse({ type: SignatureListResponse })
  @ApiProblems('VALIDATION_FAILED', 'ACCOUNT_NOT_FOUND')
  async list(@Query() query: ReviewListQuery, @Caller() caller: Principal): Promise<SignatureListResponse> {
    const page = await this.listSignatures.handle({ ...query, accountId: listScope(this.tenants, caller, query.accountId) });
    return { items: page.items.map(toSignatureListItem), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  @Post()
  @Access('customer', 'operator')
  @ApiOperation({ summary: 'Submit a signature with its qualification documents for review' })
  @ApiCreatedResponse({ type: SignatureResponse })
  @ApiProblems(...BODY_PROBLEMS)
  async submit(@Body() body: SubmitSignatureDto, @Caller() caller: Principal): Promise<SignatureResponse> {
    return toSignatureResponse(await this.submitSignature.handle({ ...body, accountId: this.tenants.account(caller, body.accountId) }));
  }

  @Get(':signatureId')
  @Access('customer', 'reviewer', 'operator')
  @ApiOperation({ summary: 'A signature and its review status' })
  @ApiOkResponse({ type: SignatureResponse })
  @ApiProblems('SIGNATURE_NOT_FOUND')
  async get(@Param('signatureId') signatureId: string, @Caller() caller: Principal): Promise<SignatureResponse> {
    const signature = await this.getSignature.handle(signatureId);
    return toSignatureResponse(this.tenants.own(caller, signature, (s) => s.accountId, signatureId, () => signatureNotFound(signatureId)));
  }

  @Post(':signatureId/decision')
  @HttpCode(200)
  @Access('reviewer')
  @ApiOperation({ summary: 'Approve or reject a pending signature (a rejection needs a reason)' })
  @ApiOkResponse({ type: SignatureResponse })
  @ApiProblems(...BODY_PROBLEMS, 'SIGNATURE_NOT_FOUND', 'ALREADY_DECIDED', 'CONCURRENCY_CONFLICT')
  async decide(@Param('signatureId') signatureId: string, @Body() body: DecisionDto): Promise<SignatureResponse> {
    return toSignatureResponse(await this.decideSignature.handle({ signatureId, approve: body.approve, reason: body.reason }));
  }

  @Post(':signatureId/revocation')
  @HttpCode(200)
  @Access('reviewer')
  @ApiOperation({ summary: 'Revoke an approved signature (violation or IP complaint); nothing is sent with it from then on' })
  @ApiOkResponse({ type: SignatureResponse })
  @ApiProblems(...BODY_PROBLEMS, 'SIGNATURE_NOT_FOUND', 'SIGNATURE_NOT_APPROVED', 'CONCURRENCY_CONFLICT')
  async revoke(@Param('signatureId') signatureId: string, @Body() body: RevocationDto): Promise<SignatureResponse> {
    return toSignatureResponse(await this.revokeSignature.handle({ signatureId, reason: body.reason }));
  }
}

@ApiTags('templates')
@Controller('v1/templates')
export class TemplatesController {
  constructor(
    private readonly submitTemplate: SubmitTemplateHandler,
    private readonly getTemplate: GetTemplateHandler,
    private readonly decideTemplate: DecideTemplateHandler,
    private readonly listTemplates: ListTemplatesHandler,
    private readonly revokeTemplate: RevokeTemplateHandler,
    private readonly tenants: TenantAccess,
  ) {}

  @Get()
  @Access('customer', 'reviewer', 'operator')
  @ApiOperation({ summary: "Templates, oldest first: a customer's own; staff all, or by accountId and status (eventually consistent)" })
  @ApiOkResponse({ type: TemplateListResponse })
  @ApiProblems('VALIDATION_FAILED', 'ACCOUNT_NOT_FOUND')
  async list(@Query() query: ReviewListQuery, @Caller() caller: Principal): Promise<TemplateListResponse> {
    const page = await this.listTemplates.handle({ ...query, accountId: listScope(this.tenants, caller, query.accountId) });
    return { items: page.items.map(toTemplateListItem), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  @Post()
  @Access('customer', 'operator')
  @ApiOperation({ summary: 'Submit a template; it is screened at once (BLOCK rejects it, otherwise a reviewer decides)' })
  @ApiCreatedResponse({ type: TemplateResponse })
  @ApiProblems(...BODY_PROBLEMS)
  async submit(@Body() body: SubmitTemplateDto, @Caller() caller: Principal): Promise<TemplateResponse> {
    return toTemplateResponse(await this.submitTemplate.handle({ ...body, accountId: this.tenants.account(caller, body.accountId) }));
  }

  @Get(':templateId')
  @Access('customer', 'reviewer', 'operator')
  @ApiOperation({ summary: 'A template, its screening result and review status' })
  @ApiOkResponse({ type: TemplateResponse })
  @ApiProblems('TEMPLATE_NOT_FOUND')
  async get(@Param('templateId') templateId: string, @Caller() caller: Principal): Promise<TemplateResponse> {
    const template = await this.getTemplate.handle(templateId);
    return toTemplateResponse(this.tenants.own(caller, template, (t) => t.accountId, templateId, () => templateNotFound(templateId)));
  }

  @Post(':templateId/decision')
  @HttpCode(200)
  @Access('reviewer')
  @ApiOperation({ summary: 'Approve or reject a pending template (a rejection needs a reason)' })
  @ApiOkResponse({ type: TemplateResponse })
  @ApiProblems(...BODY_PROBLEMS, 'TEMPLATE_NOT_FOUND', 'ALREADY_DECIDED', 'CONCURRENCY_CONFLICT')
  async decide(@Param('templateId') templateId: string, @Body() body: DecisionDto): Promise<TemplateResponse> {
    return toTemplateResponse(await this.decideTemplate.handle({ templateId, approve: body.approve, reason: body.reason }));
  }

  @Post(':templateId/revocation')
  @HttpCode(200)
  @Access('reviewer')
  @ApiOperation({ summary: 'Revoke an approved template (violation or IP complaint); nothing is sent with it from then on' })
  @ApiOkResponse({ type: TemplateResponse })
  @ApiProblems(...BODY_PROBLEMS, 'TEMPLATE_NOT_FOUND', 'TEMPLATE_NOT_APPROVED', 'CONCURRENCY_CONFLICT')
  async revoke(@Param('templateId') templateId: string, @Body() body: RevocationDto): Promise<TemplateResponse> {
    return toTemplateResponse(await this.revokeTemplate.handle({ templateId, reason: body.reason }));
  }
}

@ApiTags('review')
@Controller('v1/review-queue')
export class ReviewQueueController {
  constructor(
    private readonly listReviewQueue: ListReviewQueueHandler,
    private readonly listSignatures: ListSignaturesHandler,
    private readonly listTemplates: ListTemplatesHandler,
    private readonly listHeldMessages: ListHeldMessagesHandler,
  ) {}

  @Get()
  @Access('reviewer')
  @ApiOperation({
    summary: 'What waits for a reviewer, oldest first: signatures and templates, or by type — type=message: messages screening held, with their text (ADR 0036)',
  })
  @ApiOkResponse({ type: ReviewQueueResponse })
  @ApiProblems('VALIDATION_FAILED')
  async list(@Query() query: ReviewQueueQuery): Promise<ReviewQueueResponse> {
    const paging = { ...(query.limit !== undefined ? { limit: query.limit } : {}), ...(query.cursor !== undefined ? { cursor: query.cursor } : {}) };
    const next = (cursor: string | undefined) => (cursor ? { nextCursor: cursor } : {});
    switch (query.type) {
      case 'message': {
        const page = await this.listHeldMessages.handle(paging);
        return { items: page.items.map(toHeldQueueItem), ...next(page.nextCursor) };
      }
      case 'signature':
      case 'template': {
        const lists = query.type === 'signature' ? this.listSignatures : this.listTemplates;
        const page = await lists.handle({ ...paging, status: 'PENDING_REVIEW' });
        return { items: page.items.map(toReviewQueueItem), ...next(page.nextCursor) };
      }
      default:
        if (query.cursor !== undefined) throw new DomainError('VALIDATION_FAILED', 'cursor pages one queue: pass type too');
        return { items: (await this.listReviewQueue.handle({ limit: query.limit })).map(toReviewQueueItem) };
    }
  }
}

/** A customer lists its own account (another's id answers 404 ACCOUNT_NOT_FOUND); staff any account, or all. */
export function listScope(tenants: TenantAccess, caller: Principal, accountId: string | undefined): string | undefined {
  return caller.kind === 'customer' ? tenants.account(caller, accountId) : accountId;
}

const signatureNotFound = (id: string) => new DomainError('SIGNATURE_NOT_FOUND', `Signature ${id} does not exist.`);
const templateNotFound = (id: string) => new DomainError('TEMPLATE_NOT_FOUND', `Template ${id} does not exist.`);
