import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { Access, DomainError, grpcCall, grpcCaller, TenantAccess, validateGrpcRequest } from '@sms/service-kit';
import { ListComplaintsHandler } from '../list-complaints/handler';
import { ListViolationsHandler } from '../list-violations/handler';
import { RecordComplaintHandler } from '../record-complaint/handler';
import { RecordViolationHandler } from '../record-violation/handler';
import { ResolveViolationHandler } from '../resolve-violation/handler';
import { toComplaintResponse } from './complaints.controller';
import { ComplaintReceiptResponse, ComplaintResponse, ListComplaintsQuery, RecordComplaintDto } from './complaints.dto';
import { ListViolationsQuery, RecordViolationDto, ResolveViolationDto, ViolationResponse } from './dto';
import { toViolationResponse } from './mappers';

/** Violation ids are UUIDs: anything else (empty, huge) names no violation. */
const MAX_VIOLATION_ID = 64;

/**
 * gRPC `sms.review.v1.SupervisionService` (ADR 0034): the REST routes of violations and complaints — the same
 * handlers, DTO validation and roles, errors through the one gRPC mapper. proto3 zero values ('' and 0) mean absent.
 */
@Controller()
export class SupervisionGrpcController {
  constructor(
    private readonly recordViolationHandler: RecordViolationHandler,
    private readonly resolveViolationHandler: ResolveViolationHandler,
    private readonly listViolationsHandler: ListViolationsHandler,
    private readonly recordComplaintHandler: RecordComplaintHandler,
    private readonly listComplaintsHandler: ListComplaintsHandler,
    private readonly tenants: TenantAccess,
  ) {}

  @GrpcMethod('SupervisionService', 'RecordViolation')
  @Access('reviewer')
  recordViolation(request: { accountId?: string; category?: string; evidence?: string; rectifyBy?: string }, metadata: unknown): Promise<ViolationResponse> {
    return grpcCall(async () => {
      const body = validateGrpcRequest(RecordViolationDto, {
        accountId: request.accountId,
        category: request.category,
        evidence: request.evidence,
        rectifyBy: request.rectifyBy || undefined,
      });
      return toViolationResponse(await this.recordViolationHandler.handle({ ...body, by: grpcCaller(metadata).keyId }));
    });
  }

  @GrpcMethod('SupervisionService', 'ListViolations')
  @Access('customer', 'reviewer', 'operator')
  listViolations(request: { accountId?: string; limit?: number }, metadata: unknown): Promise<{ items: ViolationResponse[] }> {
    return grpcCall(async () => {
      const query = validateGrpcRequest(ListViolationsQuery, { accountId: request.accountId || undefined, limit: request.limit || undefined });
      const caller = grpcCaller(metadata);
      const accountId = caller.kind === 'customer' || query.accountId !== undefined ? this.tenants.account(caller, query.accountId) : undefined;
      const items = await this.listViolationsHandler.handle({ ...(accountId !== undefined ? { accountId } : {}), ...(query.limit !== undefined ? { limit: query.limit } : {}) });
      return { items: items.map(toViolationResponse) };
    });
  }

  @GrpcMethod('SupervisionService', 'ResolveViolation')
  @Access('reviewer', 'operator')
  resolveViolation(request: { violationId?: string; outcome?: string; reason?: string }, metadata: unknown): Promise<ViolationResponse> {
    return grpcCall(async () => {
      const body = validateGrpcRequest(ResolveViolationDto, { outcome: request.outcome, reason: request.reason });
      const violationId = request.violationId ?? '';
      if (!violationId || violationId.length > MAX_VIOLATION_ID) throw new DomainError('VIOLATION_NOT_FOUND', 'violation does not exist');
      return toViolationResponse(await this.resolveViolationHandler.handle({ violationId, outcome: body.outcome, reason: body.reason, by: grpcCaller(metadata).keyId }));
    });
  }

  @GrpcMethod('SupervisionService', 'RecordComplaint')
  @Access('operator', 'reviewer')
  recordComplaint(request: { phoneNumber?: string; messageId?: string; accountId?: string; reason?: string }, metadata: unknown): Promise<ComplaintReceiptResponse> {
    return grpcCall(async () => {
      const body = validateGrpcRequest(RecordComplaintDto, {
        phoneNumber: request.phoneNumber,
        messageId: request.messageId || undefined,
        accountId: request.accountId,
        reason: request.reason,
      });
      const receipt = await this.recordComplaintHandler.handle({
        accountId: body.accountId,
        phoneNumber: body.phoneNumber,
        ...(body.messageId !== undefined ? { messageId: body.messageId } : {}),
        reason: body.reason,
        by: grpcCaller(metadata).keyId,
      });
      return { complaintId: receipt.complaintId, accountId: receipt.accountId, receivedAt: receipt.receivedAt };
    });
  }

  @GrpcMethod('SupervisionService', 'ListComplaints')
  @Access('customer', 'reviewer', 'operator')
  listComplaints(request: { accountId?: string; cursor?: string; limit?: number }, metadata: unknown): Promise<{ items: ComplaintResponse[]; nextCursor: string }> {
    return grpcCall(async () => {
      const query = validateGrpcRequest(ListComplaintsQuery, { accountId: request.accountId || undefined, cursor: request.cursor || undefined, limit: request.limit || undefined });
      const caller = grpcCaller(metadata);
      if (caller.kind !== 'customer' && query.accountId === undefined) throw new DomainError('VALIDATION_FAILED', 'accountId is required');
      const accountId = this.tenants.account(caller, query.accountId);
      const page = await this.listComplaintsHandler.handle({ accountId, ...(query.cursor !== undefined ? { cursor: query.cursor } : {}), ...(query.limit !== undefined ? { limit: query.limit } : {}) });
      return { items: page.items.map(toComplaintResponse), nextCursor: page.nextCursor ?? '' };
    });
  }
}
