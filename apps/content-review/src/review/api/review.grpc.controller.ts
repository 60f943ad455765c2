import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { Access, DomainError, grpcCall, grpcCaller, TenantAccess, validateGrpcRequest } from '@sms/service-kit';
import { ScreeningRequestDto, ScreeningResponse, toScreeningResponse } from '../../screening/api/screenings.controller';
import { CurrentLexicon } from '../../lexicon/application/current-lexicon';
import { DecideHeldMessageHandler, type HeldMessageDecisionResult } from '../decide-held-message/handler';
import { DecideSignatureHandler } from '../decide-signature/handler';
import { DecideTemplateHandler } from '../decide-template/handler';
import { GetSignatureHandler } from '../get-signature/handler';
import { GetTemplateHandler } from '../get-template/handler';
import { ListHeldMessagesHandler } from '../list-held-messages/handler';
import { ListSignaturesHandler } from '../list-signatures/handler';
import { ListTemplatesHandler } from '../list-templates/handler';
import { RevokeSignatureHandler } from '../revoke-signature/handler';
import { RevokeTemplateHandler } from '../revoke-template/handler';
import { SubmitSignatureHandler } from '../submit-signature/handler';
import { SubmitTemplateHandler } from '../submit-template/handler';
import {
  DecisionDto,
  HeldMessageDecisionDto,
  ReviewListQuery,
  ReviewQueueQuery,
  RevocationDto,
  SignatureListResponse,
  SignatureResponse,
  SubmitSignatureDto,
  SubmitTemplateDto,
  TemplateListResponse,
  TemplateResponse,
} from './dto';
import { toSignatureListItem, toSignatureResponse, toTemplateListItem, toTemplateResponse } from './mappers';
import { listScope } from './review.controller';

/** A held message as `sms.review.v1.HeldMessage` carries it. */
interface HeldMessageItem {
  messageId: string;
  batchId: string;
  accountId: string;
  kind: string;
  category: string;
  terms: string[];
  heldAt: string;
  text: string;
}

/** gRPC list requests: proto3 strings and ints default to '' and 0, which mean absent. */
interface ListRequest {
  accountId?: string;
  status?: string;
  limit?: number;
  cursor?: string;
}

const listQuery = (request: ListRequest): ReviewListQuery =>
  validateGrpcRequest(ReviewListQuery, {
    accountId: request.accountId || undefined,
    status: request.status || undefined,
    limit: request.limit || undefined,
    cursor: request.cursor || undefined,
  });

/** gRPC `sms.review.v1.ReviewService`: the same handlers and validation as REST, errors through the one gRPC mapper. */
@Controller()
export class ReviewGrpcController {
  constructor(
    private readonly submitSignatureHandler: SubmitSignatureHandler,
    private readonly getSignatureHandler: GetSignatureHandler,
    private readonly decideSignatureHandler: DecideSignatureHandler,
    private readonly submitTemplateHandler: SubmitTemplateHandler,
    private readonly getTemplateHandler: GetTemplateHandler,
    private readonly decideTemplateHandler: DecideTemplateHandler,
    private readonly listSignaturesHandler: ListSignaturesHandler,
    private readonly listTemplatesHandler: ListTemplatesHandler,
    private readonly revokeSignatureHandler: RevokeSignatureHandler,
    private readonly revokeTemplateHandler: RevokeTemplateHandler,
    private readonly tenants: TenantAccess,
    private readonly lexicon: CurrentLexicon,
    private readonly listHeldMessagesHandler: ListHeldMessagesHandler,
    private readonly decideHeldMessageHandler: DecideHeldMessageHandler,
  ) {}

  @GrpcMethod('ReviewService', 'ListHeldMessages')
  @Access('reviewer')
  listHeldMessages(request: { limit?: number; cursor?: string }): Promise<{ items: HeldMessageItem[]; nextCursor: string }> {
    return grpcCall(async () => {
      const query = validateGrpcRequest(ReviewQueueQuery, { type: 'message', limit: request.limit || undefined, cursor: request.cursor || undefined });
      const page = await this.listHeldMessagesHandler.handle({ ...(query.limit !== undefined ? { limit: query.limit } : {}), ...(query.cursor !== undefined ? { cursor: query.cursor } : {}) });
      return {
        items: page.items.map((m) => ({ messageId: m.messageId, batchId: m.batchId, accountId: m.accountId, kind: m.kind, category: m.category, terms: [...m.terms], heldAt: m.heldAt, text: m.text })),
        nextCursor: page.nextCursor ?? '',
      };
    });
  }

  @GrpcMethod('ReviewService', 'DecideHeldMessage')
  @Access('reviewer')
  decideHeldMessage(request: { messageId: string; release: boolean; reason?: string; recordViolation?: boolean }, metadata: unknown): Promise<HeldMessageDecisionResult & { violationId: string }> {
    return grpcCall(async () => {
      const body = validateGrpcRequest(HeldMessageDecisionDto, { release: request.release ?? false, reason: request.reason || undefined, recordViolation: request.recordViolation || undefined });
      const decided = await this.decideHeldMessageHandler.handle({
        messageId: request.messageId ?? '',
        release: body.release,
        ...(body.reason !== undefined ? { reason: body.reason } : {}),
        ...(body.recordViolation !== undefined ? { recordViolation: body.recordViolation } : {}),
        decidedBy: grpcCaller(metadata).keyId,
      });
      return { ...decided, violationId: decided.violationId ?? '' };
    });
  }

  @GrpcMethod('ReviewService', 'SubmitSignature')
  @Access('customer', 'operator')
  submitSignature(request: SubmitSignatureDto, metadata: unknown): Promise<SignatureResponse> {
    return grpcCall(async () => {
      const body = validateGrpcRequest(SubmitSignatureDto, { ...request, accountId: request.accountId || undefined });
      return toSignatureResponse(await this.submitSignatureHandler.handle({ ...body, accountId: this.tenants.account(grpcCaller(metadata), body.accountId) }));
    });
  }

  @GrpcMethod('ReviewService', 'GetSignature')
  @Access('customer', 'reviewer', 'operator')
  getSignature(request: { signatureId: string }, metadata: unknown): Promise<SignatureResponse> {
    return grpcCall(async () => {
      const signature = await this.getSignatureHandler.handle(request.signatureId);
      const id = request.signatureId;
      return toSignatureResponse(this.tenants.own(grpcCaller(metadata), signature, (s) => s.accountId, id, () => new DomainError('SIGNATURE_NOT_FOUND', `Signature ${id} does not exist.`)));
    });
  }

  @GrpcMethod('ReviewService', 'DecideSignature')
  @Access('reviewer')
  decideSignature(request: { signatureId: string; approve: boolean; reason: string }): Promise<SignatureResponse> {
    return grpcCall(async () => {
      const decision = validateGrpcRequest(DecisionDto, { approve: request.approve, reason: request.reason || undefined });
      return toSignatureResponse(await this.decideSignatureHandler.handle({ signatureId: request.signatureId, approve: decision.approve, reason: decision.reason }));
    });
  }

  @GrpcMethod('ReviewService', 'SubmitTemplate')
  @Access('customer', 'operator')
  submitTemplate(request: SubmitTemplateDto, metadata: unknown): Promise<TemplateResponse> {
    return grpcCall(async () => {
      const body = validateGrpcRequest(SubmitTemplateDto, { ...request, accountId: request.accountId || undefined });
      return toTemplateResponse(await this.submitTemplateHandler.handle({ ...body, accountId: this.tenants.account(grpcCaller(metadata), body.accountId) }));
    });
  }

  @GrpcMethod('ReviewService', 'GetTemplate')
  @Access('customer', 'reviewer', 'operator')
  getTemplate(request: { templateId: string }, metadata: unknown): Promise<TemplateResponse> {
    return grpcCall(async () => {
      const template = await this.getTemplateHandler.handle(request.templateId);
      const id = request.templateId;
      return toTemplateResponse(this.tenants.own(grpcCaller(metadata), template, (t) => t.accountId, id, () => new DomainError('TEMPLATE_NOT_FOUND', `Template ${id} does not exist.`)));
    });
  }

  @GrpcMethod('ReviewService', 'DecideTemplate')
  @Access('reviewer')
  decideTemplate(request: { templateId: string; approve: boolean; reason: string }): Promise<TemplateResponse> {
    return grpcCall(async () => {
      const decision = validateGrpcRequest(DecisionDto, { approve: request.approve, reason: request.reason || undefined });
      return toTemplateResponse(await this.decideTemplateHandler.handle({ templateId: request.templateId, approve: decision.approve, reason: decision.reason }));
    });
  }

  @GrpcMethod('ReviewService', 'ListSignatures')
  @Access('customer', 'reviewer', 'operator')
  listSignatures(request: ListRequest, metadata: unknown): Promise<SignatureListResponse> {
    return grpcCall(async () => {
      const query = listQuery(request);
      const page = await this.listSignaturesHandler.handle({ ...query, accountId: listScope(this.tenants, grpcCaller(metadata), query.accountId) });
      return { items: page.items.map(toSignatureListItem), nextCursor: page.nextCursor ?? '' };
    });
  }

  @GrpcMethod('ReviewService', 'ListTemplates')
  @Access('customer', 'reviewer', 'operator')
  listTemplates(request: ListRequest, metadata: unknown): Promise<TemplateListResponse> {
    return grpcCall(async () => {
      const query = listQuery(request);
      const page = await this.listTemplatesHandler.handle({ ...query, accountId: listScope(this.tenants, grpcCaller(metadata), query.accountId) });
      return { items: page.items.map(toTemplateListItem), nextCursor: page.nextCursor ?? '' };
    });
  }

  @GrpcMethod('ReviewService', 'RevokeSignature')
  @Access('reviewer')
  revokeSignature(request: { signatureId: string; reason: string }): Promise<SignatureResponse> {
    return grpcCall(async () => {
      const body = validateGrpcRequest(RevocationDto, { reason: request.reason });
      return toSignatureResponse(await this.revokeSignatureHandler.handle({ signatureId: request.signatureId, reason: body.reason }));
    });
  }

  @GrpcMethod('ReviewService', 'RevokeTemplate')
  @Access('reviewer')
  revokeTemplate(request: { templateId: string; reason: string }): Promise<TemplateResponse> {
    return grpcCall(async () => {
      const body = validateGrpcRequest(RevocationDto, { reason: request.reason });
      return toTemplateResponse(await this.revokeTemplateHandler.handle({ templateId: request.templateId, reason: body.reason }));
    });
  }

  @GrpcMethod('ReviewService', 'Screen')
  @Access('customer', 'reviewer', 'operator')
  screen(request: ScreeningRequestDto): Promise<ScreeningResponse> {
    return grpcCall(() => {
      const body = validateGrpcRequest(ScreeningRequestDto, request);
      const { engine, version } = this.lexicon.snapshot();
      return { ...toScreeningResponse(engine.screen(body.content, body.kind)), lexiconVersion: version };
    });
  }
}
