import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { DomainError, grpcCall } from '@sms/service-kit';
import { DepositFundsHandler } from '../deposit-funds/handler';
import { GetAccountHandler } from '../get-account/handler';
import { DEFAULT_LEDGER_PAGE, GetLedgerHandler } from '../get-ledger/handler';
import { OpenAccountHandler } from '../open-account/handler';
import type { AccountResponse, DepositResponse, LedgerResponse } from './dto';
import { toAccountResponse, toDepositResponse, toLedgerResponse } from './mappers';

/** gRPC `sms.account.v1.AccountService`: the same handlers (and validation) as REST; errors answered by the one gRPC mapper. */
@Controller()
export class AccountsGrpcController {
  constructor(
    private readonly openAccount: OpenAccountHandler,
    private readonly getAccount: GetAccountHandler,
    private readonly depositFunds: DepositFundsHandler,
    private readonly getLedger: GetLedgerHandler,
  ) {}

  @GrpcMethod('AccountService', 'CreateAccount')
  createAccount(request: { name: string; contactEmail: string; currency?: string }): Promise<AccountResponse> {
    return grpcCall(async () => {
      if ((request.name ?? '').length > 200) throw new DomainError('VALIDATION_FAILED', 'name must be at most 200 characters');
      if (request.currency && !/^[A-Z]{3}$/.test(request.currency)) throw new DomainError('VALIDATION_FAILED', 'currency must be an ISO 4217 code such as CNY');
      return toAccountResponse(await this.openAccount.handle({ name: request.name, contactEmail: request.contactEmail, currency: request.currency || undefined }));
    });
  }

  @GrpcMethod('AccountService', 'GetAccount')
  getAccountById(request: { accountId: string }): Promise<AccountResponse> {
    return grpcCall(async () => toAccountResponse(await this.getAccount.handle(request.accountId)));
  }

  @GrpcMethod('AccountService', 'Deposit')
  deposit(request: { accountId: string; amount: string; reference: string }): Promise<DepositResponse & { created: boolean }> {
    return grpcCall(async () => {
      const result = await this.depositFunds.handle({ accountId: request.accountId, amount: request.amount, reference: request.reference });
      return { ...toDepositResponse(result), created: result.created };
    });
  }

  @GrpcMethod('AccountService', 'GetLedger')
  ledger(request: { accountId: string; fromRevision?: string | number; limit?: number }): Promise<LedgerResponse> {
    return grpcCall(async () => {
      const from = request.fromRevision === undefined || request.fromRevision === '' ? 0n : BigInt(request.fromRevision);
      return toLedgerResponse(await this.getLedger.handle(request.accountId, from, request.limit || DEFAULT_LEDGER_PAGE));
    });
  }
}
