import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, BODY_PROBLEMS } from '@sms/service-kit';
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
  @ApiProblems(...BODY_PROBLEMS)
  async create(@Body() body: CreateAccountDto): Promise<AccountResponse> {
    return toAccountResponse(await this.openAccount.handle(body));
  }

  @Get(':accountId')
  @ApiOperation({ summary: 'Balance, reserved and available funds of an account' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiProblems('ACCOUNT_NOT_FOUND')
  async get(@Param('accountId') accountId: string): Promise<AccountResponse> {
    return toAccountResponse(await this.getAccount.handle(accountId));
  }

  @Post(':accountId/deposits')
  @ApiOperation({ summary: 'Deposit funds; the same reference twice is one deposit (201 first, 200 with the same body after)' })
  @ApiCreatedResponse({ type: DepositResponse, description: 'Deposited' })
  @ApiOkResponse({ type: DepositResponse, description: 'This reference was already deposited; nothing changed' })
  @ApiProblems(...BODY_PROBLEMS, 'INVALID_AMOUNT', 'ACCOUNT_TERMINATED', 'ACCOUNT_NOT_FOUND', 'CONCURRENCY_CONFLICT', 'IDEMPOTENCY_KEY_REUSED')
  async deposit(@Param('accountId') accountId: string, @Body() body: DepositDto, @Res({ passthrough: true }) response: { status(code: number): unknown }): Promise<DepositResponse> {
    const result = await this.depositFunds.handle({ accountId, amount: body.amount, reference: body.reference });
    response.status(result.created ? 201 : 200);
    return toDepositResponse(result);
  }

  @Get(':accountId/ledger')
  @ApiOperation({ summary: 'Ledger entries replayed from the account’s event stream, oldest first' })
  @ApiOkResponse({ type: LedgerResponse })
  @ApiProblems('VALIDATION_FAILED', 'ACCOUNT_NOT_FOUND')
  async ledger(@Param('accountId') accountId: string, @Query() query: LedgerQuery): Promise<LedgerResponse> {
    return toLedgerResponse(await this.getLedger.handle(accountId, BigInt(query.fromRevision ?? 0), query.limit));
  }
}
