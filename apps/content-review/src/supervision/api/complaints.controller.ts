import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, BODY_PROBLEMS, Caller, DomainError, type Principal, TenantAccess } from '@sms/service-kit';
import { maskPhoneNumber } from '@sms/sms';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import type { ComplaintRecord } from '../application/complaints';
import { ListComplaintsHandler } from '../list-complaints/handler';
import { RecordComplaintHandler } from '../record-complaint/handler';
import { ComplaintListResponse, ComplaintReceiptResponse, ComplaintResponse, ListComplaintsQuery, RecordComplaintDto } from './complaints.dto';

/** Whitelists what a complaint shows; the number masked (`138****5678`). */
export function toComplaintResponse(c: ComplaintRecord): ComplaintResponse {
  return {
    complaintId: c.complaintId,
    accountId: c.accountId,
    phoneNumber: c.phoneNumber === PERSONAL_DATA_DESTROYED ? c.phoneNumber : maskPhoneNumber(c.phoneNumber),
    ...(c.messageId !== undefined ? { messageId: c.messageId } : {}),
    reason: c.reason,
    receivedBy: c.receivedBy,
    receivedAt: c.receivedAt,
    source: c.source,
  };
}

@ApiTags('complaints')
@Controller('v1/complaints')
export class ComplaintsController {
  constructor(
    private readonly recordComplaint: RecordComplaintHandler,
    private readonly listComplaints: ListComplaintsHandler,
    private readonly tenants: TenantAccess,
  ) {}

  @Post()
  @Access('operator', 'reviewer')
  @ApiOperation({ summary: 'Record a recipient’s complaint; above the complaint rate the account is suspended (ADR 0034)' })
  @ApiCreatedResponse({ type: ComplaintReceiptResponse })
  @ApiProblems(...BODY_PROBLEMS, 'INVALID_PHONE_NUMBER')
  async record(@Body() body: RecordComplaintDto, @Caller() caller: Principal): Promise<ComplaintReceiptResponse> {
    const receipt = await this.recordComplaint.handle({
      accountId: body.accountId,
      phoneNumber: body.phoneNumber,
      ...(body.messageId !== undefined ? { messageId: body.messageId } : {}),
      reason: body.reason,
      by: caller.keyId,
    });
    return { complaintId: receipt.complaintId, accountId: receipt.accountId, receivedAt: receipt.receivedAt };
  }

  @Get()
  @Access('customer', 'reviewer', 'operator')
  @ApiOperation({ summary: 'An account’s complaints, newest first, numbers masked: a customer key sees its own account' })
  @ApiOkResponse({ type: ComplaintListResponse })
  @ApiProblems('VALIDATION_FAILED', 'ACCOUNT_NOT_FOUND')
  async list(@Query() query: ListComplaintsQuery, @Caller() caller: Principal): Promise<ComplaintListResponse> {
    if (caller.kind !== 'customer' && query.accountId === undefined) throw new DomainError('VALIDATION_FAILED', 'accountId is required');
    const accountId = this.tenants.account(caller, query.accountId);
    const page = await this.listComplaints.handle({ accountId, ...(query.cursor !== undefined ? { cursor: query.cursor } : {}), ...(query.limit !== undefined ? { limit: query.limit } : {}) });
    return { items: page.items.map(toComplaintResponse), ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) };
  }
}
