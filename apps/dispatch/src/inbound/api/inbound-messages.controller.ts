import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@sms/service-kit';
import { ListInboundMessagesHandler } from '../list-inbound-messages/handler';
import { InboundMessagePage, ListInboundMessagesQuery } from './dto';
import { toInboundView } from './inbound.mapper';

@ApiTags('inbound')
@Controller('v1/inbound-messages')
export class InboundMessagesController {
  constructor(private readonly listInbound: ListInboundMessagesHandler) {}

  @Get()
  @ApiOperation({ summary: "Replies from recipients routed to an account, oldest first, a page at a time" })
  @ApiOkResponse({ type: InboundMessagePage })
  @ApiProblems('VALIDATION_FAILED')
  async list(@Query() query: ListInboundMessagesQuery): Promise<InboundMessagePage> {
    const page = await this.listInbound.handle(query);
    return { items: page.items.map(toInboundView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }
}
