import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { grpcCall, validateGrpcRequest } from '@sms/service-kit';
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
  ) {}

  @GrpcMethod('ReviewService', 'SubmitSignature')
  submitSignature(request: SubmitSignatureDto): Promise<SignatureResponse> {
    return grpcCall(async () => toSignatureResponse(await this.submitSignatureHandler.handle(validateGrpcRequest(SubmitSignatureDto, request))));
  }

  @GrpcMethod('ReviewService', 'GetSignature')
  getSignature(request: { signatureId: string }): Promise<SignatureResponse> {
    return grpcCall(async () => toSignatureResponse(await this.getSignatureHandler.handle(request.signatureId)));
  }

  @GrpcMethod('ReviewService', 'DecideSignature')
  decideSignature(request: { signatureId: string; approve: boolean; reason: string }): Promise<SignatureResponse> {
    return grpcCall(async () => {
      const decision = validateGrpcRequest(DecisionDto, { approve: request.approve, reason: request.reason || undefined });
      return toSignatureResponse(await this.decideSignatureHandler.handle({ signatureId: request.signatureId, approve: decision.approve, reason: decision.reason }));
    });
  }

  @GrpcMethod('ReviewService', 'SubmitTemplate')
  submitTemplate(request: SubmitTemplateDto): Promise<TemplateResponse> {
    return grpcCall(async () => toTemplateResponse(await this.submitTemplateHandler.handle(validateGrpcRequest(SubmitTemplateDto, request))));
  }

  @GrpcMethod('ReviewService', 'GetTemplate')
  getTemplate(request: { templateId: string }): Promise<TemplateResponse> {
    return grpcCall(async () => toTemplateResponse(await this.getTemplateHandler.handle(request.templateId)));
  }

  @GrpcMethod('ReviewService', 'DecideTemplate')
  decideTemplate(request: { templateId: string; approve: boolean; reason: string }): Promise<TemplateResponse> {
    return grpcCall(async () => {
      const decision = validateGrpcRequest(DecisionDto, { approve: request.approve, reason: request.reason || undefined });
      return toTemplateResponse(await this.decideTemplateHandler.handle({ templateId: request.templateId, approve: decision.approve, reason: decision.reason }));
    });
  }

  @GrpcMethod('ReviewService', 'Screen')
  screen(request: ScreeningRequestDto): Promise<ScreeningResponse> {
    return grpcCall(() => {
      const body = validateGrpcRequest(ScreeningRequestDto, request);
      return toScreeningResponse(screen(body.content, body.kind));
    });
  }
}
