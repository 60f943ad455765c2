import { Controller } from '@nestjs/common';
import { GrpcMethod, RpcException } from '@nestjs/microservices';
import { WrongExpectedVersionError } from '@sms/event-store';
import { DomainError } from '@sms/service-kit';
import { DepositFundsHandler } from '../deposit-funds/handler';
import { GetAccountHandler } from '../get-account/handler';
import { DEFAULT_LEDGER_PAGE, GetLedgerHandler } from '../get-ledger/handler';
import { OpenAccountHandler } from '../open-account/handler';
import type { AccountResponse, DepositResponse, LedgerResponse } from './dto';
import { toAccountResponse, toDepositResponse, toLedgerResponse } from './mappers';

/** gRPC status codes used here. */
const GRPC = { INVALID_ARGUMENT: 3, NOT_FOUND: 5, FAILED_PRECONDITION: 9, ABORTED: 10, INTERNAL: 13 } as const;

/** Maps our errors to gRPC statuses; the message keeps the stable REST code in front. */
export function toRpcException(error: unknown): RpcException {
  if (error instanceof DomainError) {
    const code = error.status === 404 ? GRPC.NOT_FOUND : error.status === 409 ? GRPC.ABORTED : error.status === 400 ? GRPC.INVALID_ARGUMENT : GRPC.FAILED_PRECONDITION;
    return new RpcException({ code, message: `${error.code}: ${error.detail}` });
  }
  if (error instanceof WrongExpectedVersionError) return new RpcException({ code: GRPC.ABORTED, message: 'CONCURRENCY_CONFLICT: retry the request' });
  return new RpcException({ code: GRPC.INTERNAL, message: 'INTERNAL: an unexpected error occurred' });
}

async function rpc<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toRpcException(error);
  }
}

/** gRPC `sms.account.v1.AccountService`: the same handlers (and validation) as REST. */
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
    return rpc(async () => {
      if ((request.name ?? '').length > 200) throw new DomainError('VALIDATION_FAILED', 'name must be at most 200 characters');
      if (request.currency && !/^[A-Z]{3}$/.test(request.currency)) throw new DomainError('VALIDATION_FAILED', 'currency must be an ISO 4217 code such as CNY');
      return toAccountResponse(await this.openAccount.execute({ name: request.name, contactEmail: request.contactEmail, currency: request.currency || undefined }));
    });
  }

  @GrpcMethod('AccountService', 'GetAccount')
  getAccountById(request: { accountId: string }): Promise<AccountResponse> {
    return rpc(async () => toAccountResponse(await this.getAccount.execute(request.accountId)));
  }

  @GrpcMethod('AccountService', 'Deposit')
  deposit(request: { accountId: string; amount: string; reference: string }): Promise<DepositResponse & { created: boolean }> {
    return rpc(async () => {
      const result = await this.depositFunds.execute({ accountId: request.accountId, amount: request.amount, reference: request.reference });
      return { ...toDepositResponse(result), created: result.created };
    });
  }

  @GrpcMethod('AccountService', 'GetLedger')
  ledger(request: { accountId: string; fromRevision?: string | number; limit?: number }): Promise<LedgerResponse> {
    return rpc(async () => {
      const from = request.fromRevision === undefined || request.fromRevision === '' ? 0n : BigInt(request.fromRevision);
      return toLedgerResponse(await this.getLedger.execute(request.accountId, from, request.limit || DEFAULT_LEDGER_PAGE));
    });
  }
}
