import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, BODY_PROBLEMS, Caller, type Principal, TenantAccess } from '@sms/service-kit';
import { DisclosureLogHandler } from '../record-disclosure/handler';
import { DisclosureDto, DisclosureListResponse, DisclosureResponse } from './dto';

/** The disclosure log (terms §4.2): recorded by operators, readable by the account itself. */
@ApiTags('data protection')
@Controller('v1/accounts/:accountId/disclosures')
export class DisclosuresController {
  constructor(
    private readonly disclosures: DisclosureLogHandler,
    private readonly tenants: TenantAccess,
  ) {}

  @Post()
  @Access('operator')
  @ApiOperation({ summary: "Record a disclosure of the account's data: to whom, on which legal basis, what, under which reference (201; the same reference again 200)" })
  @ApiCreatedResponse({ type: DisclosureResponse })
  @ApiOkResponse({ type: DisclosureResponse, description: 'This reference was already recorded with the same content' })
  @ApiProblems(...BODY_PROBLEMS, 'ACCOUNT_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED')
  async record(@Param('accountId') accountId: string, @Body() body: DisclosureDto, @Caller() caller: Principal, @Res({ passthrough: true }) response: { status(code: number): unknown }): Promise<DisclosureResponse> {
    const { disclosure, created } = await this.disclosures.record(accountId, { ...body, by: caller.keyId });
    response.status(created ? 201 : 200);
    return disclosure;
  }

  @Get()
  @Access('operator', 'customer')
  @ApiOperation({ summary: "Every disclosure of the account's data, oldest first" })
  @ApiOkResponse({ type: DisclosureListResponse })
  @ApiProblems('ACCOUNT_NOT_FOUND')
  async list(@Param('accountId') accountId: string, @Caller() caller: Principal): Promise<DisclosureListResponse> {
    return { items: await this.disclosures.list(this.tenants.account(caller, accountId)) };
  }
}
