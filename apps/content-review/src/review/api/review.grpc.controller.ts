import { Controller } from '@nestjs/common';
import { GrpcMethod, RpcException } from '@nestjs/microservices';
import { WrongExpectedVersionError } from '@sms/event-store';
import { DomainError } from '@sms/service-kit';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ScreeningRequestDto, ScreeningResponse, toScreeningResponse } from '../../screening/api/screenings.controller';
import { screen } from '../../screening/domain/screen';
import { SignatureHandlers } from '../application/signature.handlers';
import { TemplateHandlers } from '../application/template.handlers';
import { DecisionDto, SignatureResponse, SubmitSignatureDto, SubmitTemplateDto, TemplateResponse } from './dto';
import { toSignatureResponse, toTemplateResponse } from './mappers';

/** gRPC `sms.review.v1.ReviewService`: the same handlers and validation as REST. */
@Controller()
export class ReviewGrpcController {
  constructor(
    private readonly signatures: SignatureHandlers,
    private readonly templates: TemplateHandlers,
  ) {}

  @GrpcMethod('ReviewService', 'SubmitSignature')
  submitSignature(request: SubmitSignatureDto): Promise<SignatureResponse> {
    return grpc(async () => toSignatureResponse(await this.signatures.submit(validated(SubmitSignatureDto, request))));
  }

  @GrpcMethod('ReviewService', 'GetSignature')
  getSignature(request: { signatureId: string }): Promise<SignatureResponse> {
    return grpc(async () => toSignatureResponse(await this.signatures.get(request.signatureId)));
  }

  @GrpcMethod('ReviewService', 'DecideSignature')
  decideSignature(request: { signatureId: string; approve: boolean; reason: string }): Promise<SignatureResponse> {
    return grpc(async () => {
      const decision = validated(DecisionDto, { approve: request.approve, reason: request.reason || undefined });
      return toSignatureResponse(await this.signatures.decide(request.signatureId, decision.approve, decision.reason));
    });
  }

  @GrpcMethod('ReviewService', 'SubmitTemplate')
  submitTemplate(request: SubmitTemplateDto): Promise<TemplateResponse> {
    return grpc(async () => toTemplateResponse(await this.templates.submit(validated(SubmitTemplateDto, request))));
  }

  @GrpcMethod('ReviewService', 'GetTemplate')
  getTemplate(request: { templateId: string }): Promise<TemplateResponse> {
    return grpc(async () => toTemplateResponse(await this.templates.get(request.templateId)));
  }

  @GrpcMethod('ReviewService', 'DecideTemplate')
  decideTemplate(request: { templateId: string; approve: boolean; reason: string }): Promise<TemplateResponse> {
    return grpc(async () => {
      const decision = validated(DecisionDto, { approve: request.approve, reason: request.reason || undefined });
      return toTemplateResponse(await this.templates.decide(request.templateId, decision.approve, decision.reason));
    });
  }

  @GrpcMethod('ReviewService', 'Screen')
  screen(request: ScreeningRequestDto): Promise<ScreeningResponse> {
    return grpc(async () => {
      const body = validated(ScreeningRequestDto, request);
      return toScreeningResponse(screen(body.content, body.kind));
    });
  }
}

/** Validates a gRPC request with the REST DTO; unknown fields cannot occur (the proto defines them). */
function validated<T extends object>(cls: new () => T, plain: object): T {
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, { whitelist: true });
  if (errors.length > 0) {
    const detail = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ') || 'invalid'}`).join(' | ');
    throw new DomainError('VALIDATION_FAILED', detail);
  }
  return instance;
}

// gRPC status codes: INVALID_ARGUMENT 3, NOT_FOUND 5, FAILED_PRECONDITION 9, ABORTED 10.
async function grpc<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError) {
      const code = error.status === 404 ? 5 : error.status === 409 ? 10 : error.status === 400 ? 3 : 9;
      throw new RpcException({ code, message: `${error.code}: ${error.detail}` });
    }
    if (error instanceof WrongExpectedVersionError) throw new RpcException({ code: 10, message: 'CONCURRENCY_CONFLICT: changed concurrently; retry' });
    throw error;
  }
}
