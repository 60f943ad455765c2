import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, Caller, type Principal, TenantAccess } from '@sms/service-kit';
import { ManageOptOutsHandler } from '../manage-opt-outs/handler';
import { ListOptOutsQuery, OptOutPage, ReadmitQuery } from './dto';

/** An account's opt-out list: who its marketing no longer reaches (DOMAIN §1), and re-admission. */
@ApiTags('inbound')
@Controller('v1/opt-outs')
export class OptOutsController {
  constructor(
    private readonly optOuts: ManageOptOutsHandler,
    private readonly tenants: TenantAccess,
  ) {}

  @Get()
  @Access('customer', 'operator')
  @ApiOperation({ summary: 'Numbers that replied an opt-out keyword (TD, 退订, STOP…) to the account: its marketing leaves them out (OPTED_OUT)' })
  @ApiOkResponse({ type: OptOutPage })
  @ApiProblems('VALIDATION_FAILED', 'ACCOUNT_NOT_FOUND')
  async list(@Query() query: ListOptOutsQuery, @Caller() caller: Principal): Promise<OptOutPage> {
    const page = await this.optOuts.list(this.tenants.account(caller, query.accountId), query.cursor, query.limit ?? 100);
    return {
      items: page.items.map((o) => ({ phoneNumber: o.phoneNumber, optedOutAt: o.optedOutAt, ...(o.signatureId ? { signatureId: o.signatureId } : {}), ...(o.inboundId ? { inboundId: o.inboundId } : {}) })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  @Delete(':phoneNumber')
  @HttpCode(204)
  @Access('customer', 'operator')
  @ApiOperation({ summary: 'Re-admit a number to the account’s marketing (it gave its consent again); any notation the send API takes' })
  @ApiNoContentResponse({ description: 'Re-admitted' })
  @ApiProblems('VALIDATION_FAILED', 'INVALID_PHONE_NUMBER', 'ACCOUNT_NOT_FOUND', 'OPT_OUT_NOT_FOUND')
  async readmit(@Param('phoneNumber') phoneNumber: string, @Query() query: ReadmitQuery, @Caller() caller: Principal): Promise<void> {
    await this.optOuts.readmit(this.tenants.account(caller, query.accountId), phoneNumber);
  }
}
