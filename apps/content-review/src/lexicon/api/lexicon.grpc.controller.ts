import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { Access, grpcCall, grpcCaller, validateGrpcRequest } from '@sms/service-kit';
import { AddTermHandler } from '../add-term/handler';
import { ListLexiconHandler } from '../list-lexicon/handler';
import { RetireTermHandler } from '../retire-term/handler';
import { AddedTermResponse, AddTermDto, LexiconQuery, LexiconResponse, RetireTermDto, toLexiconResponse, toLexiconTerm } from './dto';

/** gRPC `sms.review.v1.LexiconService`: the same handlers and validation as REST (proto3 zero values mean absent). */
@Controller()
export class LexiconGrpcController {
  constructor(
    private readonly listLexicon: ListLexiconHandler,
    private readonly addTerm: AddTermHandler,
    private readonly retireTerm: RetireTermHandler,
  ) {}

  @GrpcMethod('LexiconService', 'ListLexicon')
  @Access('reviewer', 'operator')
  list(request: { offset?: number; limit?: number }): Promise<LexiconResponse> {
    return grpcCall(() => {
      const query = validateGrpcRequest(LexiconQuery, { offset: request.offset || undefined, limit: request.limit || undefined });
      return toLexiconResponse(this.listLexicon.handle(query));
    });
  }

  @GrpcMethod('LexiconService', 'AddTerm')
  @Access('reviewer')
  add(request: AddTermDto, metadata: unknown): Promise<AddedTermResponse> {
    return grpcCall(async () => {
      const body = validateGrpcRequest(AddTermDto, request);
      const added = await this.addTerm.handle({ ...body, addedBy: grpcCaller(metadata).keyId });
      return { ...toLexiconTerm(added), version: added.version };
    });
  }

  @GrpcMethod('LexiconService', 'RetireTerm')
  @Access('reviewer')
  retire(request: { termId: string; reason?: string }, metadata: unknown): Promise<{ version: number }> {
    return grpcCall(async () => {
      const body = validateGrpcRequest(RetireTermDto, { reason: request.reason || undefined });
      return this.retireTerm.handle({ termId: request.termId, reason: body.reason, retiredBy: grpcCaller(metadata).keyId });
    });
  }
}
