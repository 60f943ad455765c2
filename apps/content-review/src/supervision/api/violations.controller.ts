import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, BODY_PROBLEMS, Caller, type Principal, TenantAccess } from '@sms/service-kit';
import { ListViolationsHandler } from '../list-violations/handler';
import { RecordViolationHandler } from '../record-violation/handler';
import { ResolveViolationHandler } from '../resolve-violation/handler';
import { ListViolationsQuery, RecordViolationDto, ResolveViolationDto, ViolationListResponse, ViolationResponse } from './dto';
import { toViolationResponse } from './mappers';

@ApiTags('violations')
@Controller('v1/violations')
export class ViolationsController {
  constructor(
    private readonly recordViolation: RecordViolationHandler,
    private readonly resolveViolation: ResolveViolationHandler,
    private readonly listViolations: ListViolationsHandler,
    private readonly tenants: TenantAccess,
  ) {}

  @Post()
  @Access('reviewer')
  @ApiOperation({ summary: 'Record a confirmed violation: the account is suspended for breach until it is resolved (ADR 0034)' })
  @ApiCreatedResponse({ type: ViolationResponse })
  @ApiProblems(...BODY_PROBLEMS)
  async record(@Body() body: RecordViolationDto, @Caller() caller: Principal): Promise<ViolationResponse> {
    return toViolationResponse(await this.recordViolation.handle({ ...body, by: caller.keyId }));
  }

  @Get()
  @Access('customer', 'reviewer', 'operator')
  @ApiOperation({ summary: 'Violations, newest first: a customer key sees its own account; staff one account or all' })
  @ApiOkResponse({ type: ViolationListResponse })
  @ApiProblems('VALIDATION_FAILED', 'ACCOUNT_NOT_FOUND')
  async list(@Query() query: ListViolationsQuery, @Caller() caller: Principal): Promise<ViolationListResponse> {
    const accountId = caller.kind === 'customer' || query.accountId !== undefined ? this.tenants.account(caller, query.accountId) : undefined;
    const items = await this.listViolations.handle({ ...(accountId !== undefined ? { accountId } : {}), ...(query.limit !== undefined ? { limit: query.limit } : {}) });
    return { items: items.map(toViolationResponse) };
  }

  @Post(':violationId/resolution')
  @HttpCode(200)
  @Access('reviewer', 'operator')
  @ApiOperation({ summary: 'Resolve an open violation: reinstate (lift the suspension) or terminate (termination by notice)' })
  @ApiOkResponse({ type: ViolationResponse })
  @ApiProblems(...BODY_PROBLEMS, 'VIOLATION_NOT_FOUND', 'ALREADY_DECIDED', 'CONCURRENCY_CONFLICT')
  async resolve(@Param('violationId') violationId: string, @Body() body: ResolveViolationDto, @Caller() caller: Principal): Promise<ViolationResponse> {
    return toViolationResponse(await this.resolveViolation.handle({ violationId, outcome: body.outcome, reason: body.reason, by: caller.keyId }));
  }
}
