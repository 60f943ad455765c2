import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, BODY_PROBLEMS, Caller, type Principal, TenantAccess } from '@sms/service-kit';
import { IssueApiKeyHandler } from '../../access/issue-api-key/handler';
import { AccountBillingConfig } from '../../account-billing.config';
import type { AccountView } from '../application/account-view';
import { EraseAccountDataHandler } from '../erase-account-data/handler';
import { SetRetentionPeriodHandler } from '../set-retention-period/handler';
import { DepositFundsHandler } from '../deposit-funds/handler';
import { GetAccountHandler } from '../get-account/handler';
import { GetLedgerHandler } from '../get-ledger/handler';
import { OpenAccountHandler } from '../open-account/handler';
import { SuspendAccountHandler } from '../suspend-account/handler';
import { AccountResponse, CreateAccountDto, CreatedAccountResponse, DepositDto, DepositResponse, ErasureDto, LedgerQuery, LedgerResponse, ReasonDto, RetentionDto } from './dto';
import { toAccountResponse, toDepositResponse, toLedgerResponse } from './mappers';

@ApiTags('accounts')
@Controller('v1/accounts')
export class AccountsController {
  constructor(
    private readonly openAccount: OpenAccountHandler,
    private readonly getAccount: GetAccountHandler,
    private readonly depositFunds: DepositFundsHandler,
    private readonly getLedger: GetLedgerHandler,
    private readonly suspensions: SuspendAccountHandler,
    private readonly issueKey: IssueApiKeyHandler,
    private readonly tenants: TenantAccess,
    private readonly erasure: EraseAccountDataHandler,
    private readonly retention: SetRetentionPeriodHandler,
    private readonly settings: AccountBillingConfig,
  ) {}

  /** The account as REST shows it: with its retention period, the platform's when it has none of its own. */
  private respond(view: AccountView): AccountResponse {
    return toAccountResponse(view, this.settings.defaultRetentionDays);
  }

  @Post()
  @HttpCode(201)
  @Access('operator')
  @ApiOperation({ summary: 'Open a prepaid account (ACTIVE, zero balance) with its first API key, whose secret is shown only here' })
  @ApiCreatedResponse({ type: CreatedAccountResponse })
  @ApiProblems(...BODY_PROBLEMS)
  async create(@Body() body: CreateAccountDto, @Caller() caller: Principal): Promise<CreatedAccountResponse> {
    const account = this.respond(await this.openAccount.handle(body));
    const key = await this.issueKey.handle({ accountId: account.accountId, roles: ['customer'], label: 'first key', by: caller.keyId });
    return { ...account, apiKey: { keyId: key.keyId, secret: key.secret, token: key.token } };
  }

  @Get(':accountId')
  @Access('operator', 'reviewer', 'customer')
  @ApiOperation({ summary: 'Balance, reserved and available funds of an account' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiProblems('ACCOUNT_NOT_FOUND')
  async get(@Param('accountId') accountId: string, @Caller() caller: Principal): Promise<AccountResponse> {
    return this.respond(await this.getAccount.handle(this.tenants.account(caller, accountId)));
  }

  @Post(':accountId/deposits')
  @Access('operator')
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
  @Access('operator', 'customer')
  @ApiOperation({ summary: 'Ledger entries replayed from the account’s event stream, oldest first' })
  @ApiOkResponse({ type: LedgerResponse })
  @ApiProblems('VALIDATION_FAILED', 'ACCOUNT_NOT_FOUND')
  async ledger(@Param('accountId') accountId: string, @Query() query: LedgerQuery, @Caller() caller: Principal): Promise<LedgerResponse> {
    return toLedgerResponse(await this.getLedger.handle(this.tenants.account(caller, accountId), BigInt(query.fromRevision ?? 0), query.limit));
  }

  @Post(':accountId/suspension')
  @HttpCode(200)
  @Access('operator', 'reviewer')
  @ApiOperation({ summary: 'Suspend the account for a breach of the terms (§7.3.2): its sending stops until an operator lifts it' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiProblems(...BODY_PROBLEMS, 'ACCOUNT_NOT_FOUND', 'ACCOUNT_TERMINATED')
  async suspend(@Param('accountId') accountId: string, @Body() body: ReasonDto, @Caller() caller: Principal): Promise<AccountResponse> {
    return this.respond(await this.suspensions.suspend(accountId, 'BREACH', body.reason, caller.keyId));
  }

  @Delete(':accountId/suspension')
  @Access('operator')
  @ApiOperation({ summary: 'Lift a suspension (breach or security) with a reason; the account is ACTIVE again' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiProblems(...BODY_PROBLEMS, 'ACCOUNT_NOT_FOUND', 'ACCOUNT_NOT_SUSPENDED', 'ACCOUNT_ERASED')
  async lift(@Param('accountId') accountId: string, @Body() body: ReasonDto, @Caller() caller: Principal): Promise<AccountResponse> {
    return this.respond(await this.suspensions.lift(accountId, body.reason, caller.keyId));
  }

  @Put(':accountId/retention')
  @Access('operator')
  @ApiOperation({
    summary: "Set the account's own retention period (terms §4): its messages, replies and their texts are destroyed once older than this many days (instead of RETENTION_DAYS)",
  })
  @ApiOkResponse({ type: AccountResponse })
  @ApiProblems(...BODY_PROBLEMS, 'ACCOUNT_NOT_FOUND', 'ACCOUNT_ERASED', 'CONCURRENCY_CONFLICT')
  async setRetention(@Param('accountId') accountId: string, @Body() body: RetentionDto, @Caller() caller: Principal): Promise<AccountResponse> {
    return this.respond(await this.retention.handle(accountId, body.days, body.reason, caller.keyId));
  }

  @Post(':accountId/erasure')
  @HttpCode(200)
  @Access('operator')
  @ApiOperation({
    summary:
      "Erase the account's personal data for good (terms §4; crypto-shredding, ADR 0017): its data keys are destroyed everywhere, every number, text and reply becomes unreadable or is deleted; the ledger and its amounts stay. The account must be suspended first, and stays suspended",
  })
  @ApiOkResponse({ type: AccountResponse })
  @ApiProblems(...BODY_PROBLEMS, 'ACCOUNT_NOT_FOUND', 'ACCOUNT_NOT_SUSPENDED', 'CONCURRENCY_CONFLICT')
  async erase(@Param('accountId') accountId: string, @Body() body: ErasureDto, @Caller() caller: Principal): Promise<AccountResponse> {
    return this.respond(await this.erasure.handle(accountId, body.reason, caller.keyId));
  }
}
