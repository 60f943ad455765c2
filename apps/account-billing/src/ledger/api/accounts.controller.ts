import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Access, ApiProblems, BODY_PROBLEMS, Caller, DomainError, newId, type Principal, TenantAccess } from '@sms/service-kit';
import { IssueApiKeyHandler } from '../../access/issue-api-key/handler';
import { AccountBillingConfig } from '../../account-billing.config';
import type { AccountView } from '../application/account-view';
import { EraseAccountDataHandler } from '../erase-account-data/handler';
import { SetRetentionPeriodHandler } from '../set-retention-period/handler';
import { DepositFundsHandler } from '../deposit-funds/handler';
import { GetAccountHandler } from '../get-account/handler';
import { GetLedgerHandler } from '../get-ledger/handler';
import { LEDGER_CSV_EXAMPLE, LedgerCsvHandler, type LedgerCsvFile, ledgerCsvFile, prefersCsv } from '../get-ledger/ledger-csv';
import { OpenAccountHandler } from '../open-account/handler';
import { SuspendAccountHandler } from '../suspend-account/handler';
import { AcceptTermsHandler } from '../accept-terms/handler';
import { AdjustFundsHandler } from '../adjust-funds/handler';
import { GrantServiceCreditHandler } from '../grant-service-credit/handler';
import { SetLowBalanceAlertHandler } from '../set-low-balance-alert/handler';
import { TerminateAccountHandler } from '../terminate-account/handler';
import {
  AccountResponse,
  AdjustmentDto,
  AdjustmentResponse,
  AlertsDto,
  CreateAccountDto,
  CreatedAccountResponse,
  DepositDto,
  DepositResponse,
  ErasureDto,
  LedgerQuery,
  LedgerResponse,
  ReasonDto,
  RetentionDto,
  ServiceCreditDto,
  ServiceCreditResponse,
  TerminationDto,
  TermsAcceptanceDto,
  TermsResponse,
} from './dto';
import { toAccountResponse, toAdjustmentResponse, toDepositResponse, toLedgerResponse, toServiceCreditResponse } from './mappers';

type StatusSetter = { status(code: number): unknown };

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
    private readonly adjustments: AdjustFundsHandler,
    private readonly credits: GrantServiceCreditHandler,
    private readonly alerts: SetLowBalanceAlertHandler,
    private readonly terminations: TerminateAccountHandler,
    private readonly termsAcceptances: AcceptTermsHandler,
    private readonly ledgerCsv: LedgerCsvHandler,
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
    const account = this.respond(await this.openAccount.handle({ ...body, by: caller.keyId }));
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
  @ApiOperation({
    summary:
      'Ledger entries replayed from the account’s event stream, oldest first. With Accept: text/csv, every entry from fromRevision on (all pages, limit ignored) as one streamed CSV: columns entryId,type,amount,balanceAfter,reservedAfter,at,reference,reason,batchIds,messageIds, lists joined with ";", free-text cells starting with = + - @ prefixed with an apostrophe (ADR 0026)',
  })
  @ApiExtraModels(LedgerResponse)
  @ApiHeader({ name: 'Accept', required: false, description: 'text/csv (preferred over application/json): every entry as one CSV download' })
  @ApiOkResponse({
    description: 'A page of entries (JSON), or every entry from fromRevision on (CSV)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(LedgerResponse) } },
      'text/csv': { schema: { type: 'string' }, example: LEDGER_CSV_EXAMPLE },
    },
  })
  @ApiProblems('VALIDATION_FAILED', 'ACCOUNT_NOT_FOUND')
  async ledger(
    @Param('accountId') accountId: string,
    @Query() query: LedgerQuery,
    @Caller() caller: Principal,
    @Headers('accept') accept?: string,
  ): Promise<LedgerResponse | LedgerCsvFile> {
    const account = this.tenants.account(caller, accountId);
    if (prefersCsv(accept)) return ledgerCsvFile(await this.ledgerCsv.handle(account, BigInt(query.fromRevision ?? 0)), account);
    return toLedgerResponse(await this.getLedger.handle(account, BigInt(query.fromRevision ?? 0), query.limit));
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

  @Post(':accountId/adjustments')
  @Access('operator')
  @ApiOperation({
    summary:
      'A signed statement correction (terms §2.4), idempotent by reference (201 first, 200 with the same body after). A debit that takes the balance below zero freezes the account for arrears until a deposit brings it back',
  })
  @ApiCreatedResponse({ type: AdjustmentResponse, description: 'Adjusted' })
  @ApiOkResponse({ type: AdjustmentResponse, description: 'This reference was already adjusted by this amount; nothing changed' })
  @ApiProblems(...BODY_PROBLEMS, 'INVALID_AMOUNT', 'ACCOUNT_NOT_FOUND', 'ACCOUNT_TERMINATED', 'IDEMPOTENCY_KEY_REUSED', 'CONCURRENCY_CONFLICT')
  async adjust(@Param('accountId') accountId: string, @Body() body: AdjustmentDto, @Caller() caller: Principal, @Res({ passthrough: true }) response: StatusSetter): Promise<AdjustmentResponse> {
    const result = await this.adjustments.handle({ accountId, amount: body.amount, reason: body.reason, reference: body.reference, by: caller.keyId });
    response.status(result.created ? 201 : 200);
    return toAdjustmentResponse(result, this.settings.defaultRetentionDays);
  }

  @Post(':accountId/service-credits')
  @Access('operator')
  @ApiOperation({
    summary:
      'Credit the account for a failure of the service, never more than the affected messages were charged less earlier credits (terms §8.5: 422 CREDIT_EXCEEDS_CHARGES). Idempotent by reference or Idempotency-Key',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Used as the reference when the body has none' })
  @ApiCreatedResponse({ type: ServiceCreditResponse, description: 'Credited' })
  @ApiOkResponse({ type: ServiceCreditResponse, description: 'This reference was already credited with this amount; nothing changed' })
  @ApiProblems(...BODY_PROBLEMS, 'INVALID_AMOUNT', 'CREDIT_EXCEEDS_CHARGES', 'ACCOUNT_NOT_FOUND', 'ACCOUNT_TERMINATED', 'IDEMPOTENCY_KEY_REUSED', 'CONCURRENCY_CONFLICT')
  async credit(
    @Param('accountId') accountId: string,
    @Body() body: ServiceCreditDto,
    @Caller() caller: Principal,
    @Res({ passthrough: true }) response: StatusSetter,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<ServiceCreditResponse> {
    const reference = body.reference ?? idempotencyKey ?? newId();
    const result = await this.credits.handle({ accountId, messageIds: body.messageIds, amount: body.amount, reason: body.reason, reference, by: caller.keyId });
    response.status(result.created ? 201 : 200);
    return toServiceCreditResponse(result, this.settings.defaultRetentionDays);
  }

  @Put(':accountId/alerts')
  @Access('operator', 'customer')
  @ApiOperation({ summary: 'Set the low-balance alert (terms §7.2): warned once per crossing, by a notification and an e-mail; null turns it off' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiProblems(...BODY_PROBLEMS, 'INVALID_AMOUNT', 'ACCOUNT_NOT_FOUND', 'ACCOUNT_TERMINATED', 'CONCURRENCY_CONFLICT')
  async setAlerts(@Param('accountId') accountId: string, @Body() body: AlertsDto, @Caller() caller: Principal): Promise<AccountResponse> {
    return this.respond(await this.alerts.handle(this.tenants.account(caller, accountId), body.lowBalance, caller.keyId));
  }

  @Post(':accountId/termination')
  @HttpCode(202)
  @Access('operator')
  @ApiOperation({
    summary:
      'Terminate the account by agreement (terms §7.3.1) or notice (§7.3.5): sending stops at once (TERMINATING); once in-flight reservations settle, the unconsumed balance is refunded (a REFUND entry) and the account is TERMINATED',
  })
  @ApiAcceptedResponse({ type: AccountResponse, description: 'TERMINATING, or already TERMINATED when nothing was in flight' })
  @ApiProblems(...BODY_PROBLEMS, 'ACCOUNT_NOT_FOUND', 'CONCURRENCY_CONFLICT')
  async terminate(@Param('accountId') accountId: string, @Body() body: TerminationDto, @Caller() caller: Principal): Promise<AccountResponse> {
    return this.respond(await this.terminations.handle(accountId, body.basis, body.reason, caller.keyId));
  }

  @Post(':accountId/terms-acceptances')
  @Access('operator', 'customer')
  @ApiOperation({ summary: "Record the acceptance of the platform's current service terms (TERMS_VERSION): click by the customer, seal recorded by staff" })
  @ApiCreatedResponse({ type: TermsResponse, description: 'Recorded' })
  @ApiOkResponse({ type: TermsResponse, description: 'This version was already accepted' })
  @ApiProblems(...BODY_PROBLEMS, 'ACCOUNT_NOT_FOUND', 'ACCOUNT_TERMINATED', 'FORBIDDEN')
  async acceptTerms(@Param('accountId') accountId: string, @Body() body: TermsAcceptanceDto, @Caller() caller: Principal, @Res({ passthrough: true }) response: StatusSetter): Promise<TermsResponse> {
    // A customer clicks; a sealed contract is recorded by staff, who hold it.
    if (body.method === 'seal' && caller.kind === 'customer') throw new DomainError('FORBIDDEN', 'A sealed contract is recorded by platform staff; a customer accepts by click.');
    const result = await this.termsAcceptances.handle(this.tenants.account(caller, accountId), body.method, caller.keyId);
    response.status(result.created ? 201 : 200);
    return { version: result.version, method: result.method, acceptedAt: result.acceptedAt };
  }
}
