import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { Access, DomainError, grpcCall, grpcCaller, TenantAccess } from '@sms/service-kit';
import { IssueApiKeyHandler } from '../../access/issue-api-key/handler';
import { DepositFundsHandler } from '../deposit-funds/handler';
import { GetAccountHandler } from '../get-account/handler';
import { DEFAULT_LEDGER_PAGE, GetLedgerHandler } from '../get-ledger/handler';
import { OpenAccountHandler } from '../open-account/handler';
import type { AccountResponse, CreatedAccountResponse, DepositResponse, LedgerResponse } from './dto';
import { toAccountResponse, toDepositResponse, toLedgerResponse } from './mappers';

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
  ) {}

  @GrpcMethod('AccountService', 'CreateAccount')
  @Access('operator')
  createAccount(request: { name: string; contactEmail: string; currency?: string }, metadata: unknown): Promise<CreatedAccountResponse> {
    return grpcCall(async () => {
      if ((request.name ?? '').length > 200) throw new DomainError('VALIDATION_FAILED', 'name must be at most 200 characters');
      if (request.currency && !/^[A-Z]{3}$/.test(request.currency)) throw new DomainError('VALIDATION_FAILED', 'currency must be an ISO 4217 code such as CNY');
      const account = toAccountResponse(await this.openAccount.handle({ name: request.name, contactEmail: request.contactEmail, currency: request.currency || undefined }));
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
}
