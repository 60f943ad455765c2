import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { Access, DomainError, grpcCall, grpcCaller, newId, TenantAccess } from '@sms/service-kit';
import { IssueApiKeyHandler } from '../../access/issue-api-key/handler';
import { AccountBillingConfig } from '../../account-billing.config';
import { AcceptTermsHandler } from '../accept-terms/handler';
import { AdjustFundsHandler } from '../adjust-funds/handler';
import { GrantServiceCreditHandler } from '../grant-service-credit/handler';
import { SetLowBalanceAlertHandler } from '../set-low-balance-alert/handler';
import { SuspendAccountHandler } from '../suspend-account/handler';
import { TerminateAccountHandler } from '../terminate-account/handler';
import { DepositFundsHandler } from '../deposit-funds/handler';
import { GetAccountHandler } from '../get-account/handler';
import { DEFAULT_LEDGER_PAGE, GetLedgerHandler } from '../get-ledger/handler';
import { OpenAccountHandler } from '../open-account/handler';
import type { AccountResponse, AdjustmentResponse, CreatedAccountResponse, DepositResponse, LedgerResponse, ServiceCreditResponse, TermsResponse } from './dto';
import { toAccountResponse, toAdjustmentResponse, toDepositResponse, toLedgerResponse, toServiceCreditResponse } from './mappers';

const REASON_MAX = 500;

/** class-validator does not run on gRPC messages: the same limits as the REST DTOs, checked here. */
function reasonOf(reason: string | undefined): string {
  const text = (reason ?? '').trim();
  if (!text || text.length > REASON_MAX) throw new DomainError('VALIDATION_FAILED', `reason must be 1–${REASON_MAX} characters`);
  return text;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) throw new DomainError('VALIDATION_FAILED', `${field} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** gRPC `sms.account.v1.AccountService`: the same handlers, access rules and validation as REST; errors answered by the one gRPC mapper. */
@Controller()
export class AccountsGrpcController {
  constructor(
    private readonly openAccount: OpenAccountHandler,
    private readonly getAccount: GetAccountHandler,
    private readonly depositFunds: DepositFundsHandler,
    private readonly getLedger: GetLedgerHandler,
    private readonly issueKey: IssueApiKeyHandler,
    private readonly tenants: TenantAccess,
    private readonly adjustments: AdjustFundsHandler,
    private readonly credits: GrantServiceCreditHandler,
    private readonly alerts: SetLowBalanceAlertHandler,
    private readonly suspensions: SuspendAccountHandler,
    private readonly terminations: TerminateAccountHandler,
    private readonly termsAcceptances: AcceptTermsHandler,
    private readonly settings: AccountBillingConfig,
  ) {}

  @GrpcMethod('AccountService', 'CreateAccount')
  @Access('operator')
  createAccount(
    request: { name: string; contactEmail: string; currency?: string; termsAcceptance?: string; termsVersion?: string },
    metadata: unknown,
  ): Promise<CreatedAccountResponse> {
    return grpcCall(async () => {
      if ((request.name ?? '').length > 200) throw new DomainError('VALIDATION_FAILED', 'name must be at most 200 characters');
      if (request.currency && !/^[A-Z]{3}$/.test(request.currency)) throw new DomainError('VALIDATION_FAILED', 'currency must be an ISO 4217 code such as CNY');
      const termsAcceptance = request.termsAcceptance ? oneOf(request.termsAcceptance, ['click', 'seal', 'first-use'] as const, 'termsAcceptance') : undefined;
      if ((request.termsVersion ?? '').length > 64) throw new DomainError('VALIDATION_FAILED', 'termsVersion must be at most 64 characters');
      const account = toAccountResponse(
        await this.openAccount.handle({
          name: request.name,
          contactEmail: request.contactEmail,
          currency: request.currency || undefined,
          termsAcceptance,
          termsVersion: request.termsVersion || undefined,
          by: grpcCaller(metadata).keyId,
        }),
      );
      const key = await this.issueKey.handle({ accountId: account.accountId, roles: ['customer'], label: 'first key', by: grpcCaller(metadata).keyId });
      return { ...account, apiKey: { keyId: key.keyId, secret: key.secret, token: key.token } };
    });
  }

  @GrpcMethod('AccountService', 'GetAccount')
  @Access('operator', 'reviewer', 'customer')
  getAccountById(request: { accountId: string }, metadata: unknown): Promise<AccountResponse> {
    return grpcCall(async () => toAccountResponse(await this.getAccount.handle(this.tenants.account(grpcCaller(metadata), request.accountId || undefined))));
  }

  @GrpcMethod('AccountService', 'Deposit')
  @Access('operator')
  deposit(request: { accountId: string; amount: string; reference: string }): Promise<DepositResponse & { created: boolean }> {
    return grpcCall(async () => {
      const result = await this.depositFunds.handle({ accountId: request.accountId, amount: request.amount, reference: request.reference });
      return { ...toDepositResponse(result), created: result.created };
    });
  }

  @GrpcMethod('AccountService', 'GetLedger')
  @Access('operator', 'customer')
  ledger(request: { accountId: string; fromRevision?: string | number; limit?: number }, metadata: unknown): Promise<LedgerResponse> {
    return grpcCall(async () => {
      const from = request.fromRevision === undefined || request.fromRevision === '' ? 0n : BigInt(request.fromRevision);
      return toLedgerResponse(await this.getLedger.handle(this.tenants.account(grpcCaller(metadata), request.accountId || undefined), from, request.limit || DEFAULT_LEDGER_PAGE));
    });
  }

  @GrpcMethod('AccountService', 'AdjustFunds')
  @Access('operator')
  adjustFunds(request: { accountId: string; amount: string; reason: string; reference: string }, metadata: unknown): Promise<AdjustmentResponse & { created: boolean }> {
    return grpcCall(async () => {
      const result = await this.adjustments.handle({ accountId: request.accountId, amount: request.amount, reason: reasonOf(request.reason), reference: request.reference, by: grpcCaller(metadata).keyId });
      return { ...toAdjustmentResponse(result, this.settings.defaultRetentionDays), created: result.created };
    });
  }

  @GrpcMethod('AccountService', 'GrantServiceCredit')
  @Access('operator')
  grantServiceCredit(
    request: { accountId: string; messageIds?: string[]; amount: string; reason: string; reference?: string },
    metadata: unknown,
  ): Promise<ServiceCreditResponse & { created: boolean }> {
    return grpcCall(async () => {
      const result = await this.credits.handle({
        accountId: request.accountId,
        messageIds: request.messageIds ?? [],
        amount: request.amount,
        reason: reasonOf(request.reason),
        reference: request.reference || newId(),
        by: grpcCaller(metadata).keyId,
      });
      return { ...toServiceCreditResponse(result, this.settings.defaultRetentionDays), created: result.created };
    });
  }

  @GrpcMethod('AccountService', 'SetLowBalanceAlert')
  @Access('operator', 'customer')
  setLowBalanceAlert(request: { accountId: string; lowBalance?: string }, metadata: unknown): Promise<AccountResponse> {
    return grpcCall(async () => {
      const caller = grpcCaller(metadata);
      return toAccountResponse(await this.alerts.handle(this.tenants.account(caller, request.accountId || undefined), request.lowBalance || null, caller.keyId));
    });
  }

  @GrpcMethod('AccountService', 'SuspendAccount')
  @Access('operator', 'reviewer')
  suspendAccount(request: { accountId: string; reason: string }, metadata: unknown): Promise<AccountResponse> {
    return grpcCall(async () => toAccountResponse(await this.suspensions.suspend(request.accountId, 'BREACH', reasonOf(request.reason), grpcCaller(metadata).keyId)));
  }

  @GrpcMethod('AccountService', 'LiftSuspension')
  @Access('operator')
  liftSuspension(request: { accountId: string; reason: string }, metadata: unknown): Promise<AccountResponse> {
    return grpcCall(async () => toAccountResponse(await this.suspensions.lift(request.accountId, reasonOf(request.reason), grpcCaller(metadata).keyId)));
  }

  @GrpcMethod('AccountService', 'TerminateAccount')
  @Access('operator')
  terminateAccount(request: { accountId: string; reason: string; basis: string }, metadata: unknown): Promise<AccountResponse> {
    return grpcCall(async () => {
      const basis = oneOf(request.basis, ['agreement', 'notice'] as const, 'basis');
      return toAccountResponse(await this.terminations.handle(request.accountId, basis, reasonOf(request.reason), grpcCaller(metadata).keyId));
    });
  }

  @GrpcMethod('AccountService', 'AcceptTerms')
  @Access('operator', 'customer')
  acceptTerms(request: { accountId: string; method: string }, metadata: unknown): Promise<TermsResponse> {
    return grpcCall(async () => {
      const caller = grpcCaller(metadata);
      const method = oneOf(request.method, ['click', 'seal'] as const, 'method');
      if (method === 'seal' && caller.kind === 'customer') throw new DomainError('FORBIDDEN', 'A sealed contract is recorded by platform staff; a customer accepts by click.');
      const result = await this.termsAcceptances.handle(this.tenants.account(caller, request.accountId || undefined), method, caller.keyId);
      return { version: result.version, method: result.method, acceptedAt: result.acceptedAt };
    });
  }
}
