import { Controller, Get, Query } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, Caller, grpcCall, grpcCaller, isStaff, type Principal, TenantAccess, validateGrpcRequest } from '@sms/service-kit';
import { GetStatisticsHandler } from '../get-statistics/handler';
import { GetStatisticsQuery, StatisticsResponse, type StatisticsView } from './dto';
import { toGrpcStatistics, toStatisticsView } from './statistics.mapper';

/** A customer sees its own account; staff name one, or leave it out for every account at once. */
const scopeOf = (tenants: TenantAccess, caller: Principal, requested: string | undefined): string | undefined =>
  isStaff(caller) ? requested : tenants.account(caller, requested);

@ApiTags('statistics')
@Controller('v1/statistics')
export class StatisticsController {
  constructor(
    private readonly getStatistics: GetStatisticsHandler,
    private readonly tenants: TenantAccess,
  ) {}

  @Get()
  @Access('customer', 'operator')
  @ApiOperation({
    summary:
      'Submitted, delivered, undelivered and failed (by reason) messages, billed segments, success rate and delivery latency, per day, hour, kind, template, signature, operator, country, status or channel (messages counted in the hour they were accepted)',
  })
  @ApiOkResponse({ type: StatisticsResponse })
  @ApiProblems('VALIDATION_FAILED', 'ACCOUNT_NOT_FOUND')
  async get(@Query() query: GetStatisticsQuery, @Caller() caller: Principal): Promise<StatisticsView> {
    return toStatisticsView(await this.getStatistics.handle({ ...query, accountId: scopeOf(this.tenants, caller, query.accountId) }));
  }
}

/** `sms.dispatch.v1.DispatchService/GetStatistics`: GET /v1/statistics over gRPC (the same validation and handler). */
@Controller()
export class StatisticsGrpcController {
  constructor(
    private readonly getStatistics: GetStatisticsHandler,
    private readonly tenants: TenantAccess,
  ) {}

  @GrpcMethod('DispatchService', 'GetStatistics')
  @Access('customer', 'operator')
  statistics(request: { accountId?: string; from?: string; to?: string; groupBy?: string }, metadata: unknown): Promise<object> {
    return grpcCall(async () => {
      // proto3 sends unset strings as '': they mean "not given".
      const query = validateGrpcRequest(GetStatisticsQuery, {
        accountId: request.accountId || undefined,
        from: request.from || undefined,
        to: request.to || undefined,
        groupBy: request.groupBy || undefined,
      });
      return toGrpcStatistics(await this.getStatistics.handle({ ...query, accountId: scopeOf(this.tenants, grpcCaller(metadata), query.accountId) }));
    });
  }
}
