import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DepositFundsHandler } from '../deposit-funds/handler';
import { GetAccountHandler } from '../get-account/handler';
import { GetLedgerHandler } from '../get-ledger/handler';
import { OpenAccountHandler } from '../open-account/handler';
import { AccountResponse, CreateAccountDto, DepositDto, DepositResponse, LedgerQuery, LedgerResponse } from './dto';
import { toAccountResponse, toDepositResponse, toLedgerResponse } from './mappers';

@ApiTags('accounts')
@Controller('v1/accounts')
export class AccountsController {
  constructor(
    private readonly openAccount: OpenAccountHandler,
    private readonly getAccount: GetAccountHandler,
    private readonly depositFunds: DepositFundsHandler,
    private readonly getLedger: GetLedgerHandler,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Open a prepaid account (ACTIVE, zero balance)' })
  @ApiCreatedResponse({ type: AccountResponse })
  async create(@Body() body: CreateAccountDto): Promise<AccountResponse> {
    return toAccountResponse(await this.openAccount.execute(body));
  }

  @Get(':accountId')
  @ApiOperation({ summary: 'Balance, reserved and available funds of an account' })
  @ApiOkResponse({ type: AccountResponse })
  async get(@Param('accountId') accountId: string): Promise<AccountResponse> {
    return toAccountResponse(await this.getAccount.execute(accountId));
  }

  @Post(':accountId/deposits')
  @ApiOperation({ summary: 'Deposit funds; the same reference twice is one deposit (201 first, 200 with the same body after)' })
  @ApiCreatedResponse({ type: DepositResponse, description: 'Deposited' })
  @ApiOkResponse({ type: DepositResponse, description: 'This reference was already deposited; nothing changed' })
  async deposit(@Param('accountId') accountId: string, @Body() body: DepositDto, @Res({ passthrough: true }) response: { status(code: number): unknown }): Promise<DepositResponse> {
    const result = await this.depositFunds.execute({ accountId, amount: body.amount, reference: body.reference });
    response.status(result.created ? 201 : 200);
    return toDepositResponse(result);
  }

  @Get(':accountId/ledger')
  @ApiOperation({ summary: 'Ledger entries replayed from the account’s event stream, oldest first' })
  @ApiOkResponse({ type: LedgerResponse })
  async ledger(@Param('accountId') accountId: string, @Query() query: LedgerQuery): Promise<LedgerResponse> {
    return toLedgerResponse(await this.getLedger.execute(accountId, BigInt(query.fromRevision ?? 0), query.limit));
  }
}
