import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { Access, DomainError, grpcCall, grpcCaller, TenantAccess, validateGrpcRequest } from '@sms/service-kit';
import { ScreeningRequestDto, ScreeningResponse, toScreeningResponse } from '../../screening/api/screenings.controller';
import { screen } from '../../screening/domain/screen';
import { DecideSignatureHandler } from '../decide-signature/handler';
import { DecideTemplateHandler } from '../decide-template/handler';
import { GetSignatureHandler } from '../get-signature/handler';
import { GetTemplateHandler } from '../get-template/handler';
import { SubmitSignatureHandler } from '../submit-signature/handler';
import { SubmitTemplateHandler } from '../submit-template/handler';
import { DecisionDto, SignatureResponse, SubmitSignatureDto, SubmitTemplateDto, TemplateResponse } from './dto';
import { toSignatureResponse, toTemplateResponse } from './mappers';

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
    private readonly tenants: TenantAccess,
  ) {}

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

  @GrpcMethod('ReviewService', 'Screen')
  @Access('customer', 'reviewer', 'operator')
  screen(request: ScreeningRequestDto): Promise<ScreeningResponse> {
    return grpcCall(() => {
      const body = validateGrpcRequest(ScreeningRequestDto, request);
      return toScreeningResponse(screen(body.content, body.kind));
    });
  }
}
