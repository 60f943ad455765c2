import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, Caller, type Principal, TenantAccess } from '@sms/service-kit';
import { ListInboundMessagesHandler } from '../list-inbound-messages/handler';
import { InboundMessagePage, ListInboundMessagesQuery } from './dto';
import { toInboundView } from './inbound.mapper';

@ApiTags('inbound')
@Controller('v1/inbound-messages')
export class InboundMessagesController {
  constructor(
    private readonly listInbound: ListInboundMessagesHandler,
    private readonly tenants: TenantAccess,
  ) {}

  @Get()
  @Access('customer', 'operator')
  @ApiOperation({ summary: "Replies from recipients routed to an account, oldest first, a page at a time" })
  @ApiOkResponse({ type: InboundMessagePage })
  @ApiProblems('VALIDATION_FAILED')
  async list(@Query() query: ListInboundMessagesQuery, @Caller() caller: Principal): Promise<InboundMessagePage> {
    const page = await this.listInbound.handle({ ...query, accountId: this.tenants.account(caller, query.accountId) });
    return { items: page.items.map(toInboundView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }
}
