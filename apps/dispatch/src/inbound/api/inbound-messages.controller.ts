import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@sms/service-kit';
import { InboundStore } from '../infrastructure/inbound-store';
import { INBOUND_STORE } from '../infrastructure/tokens';
import { InboundMessagePage, ListInboundMessagesQuery } from './dto';
import { decodeInboundCursor, encodeInboundCursor, toInboundView } from './inbound.mapper';

@ApiTags('inbound')
@Controller('v1/inbound-messages')
export class InboundMessagesController {
  constructor(@Inject(INBOUND_STORE) private readonly inbound: InboundStore) {}

  @Get()
  @ApiOperation({ summary: "Replies from recipients routed to an account, oldest first, a page at a time" })
  @ApiOkResponse({ type: InboundMessagePage })
  list(@Query() query: ListInboundMessagesQuery): InboundMessagePage {
    const after = query.cursor ? decodeInboundCursor(query.cursor) : undefined;
    if (query.cursor && !after) throw new DomainError('VALIDATION_FAILED', 'cursor is not one this API returned');
    const limit = query.limit ?? 100;
    // Stored times are UTC with milliseconds; bounds in any offset compare correctly once written the same way.
    const rows = this.inbound.queryInbound({ accountId: query.accountId, from: utc(query.from), to: utc(query.to), after, limit });
    return { items: rows.map(toInboundView), ...(rows.length === limit ? { nextCursor: encodeInboundCursor(rows[rows.length - 1]) } : {}) };
  }
}

const utc = (time: string | undefined): string | undefined => (time === undefined ? undefined : new Date(time).toISOString());
