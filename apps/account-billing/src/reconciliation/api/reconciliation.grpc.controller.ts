import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { Access, grpcCall, grpcCaller, TenantAccess, validateGrpcRequest } from '@sms/service-kit';
import { GetReconciliationHandler } from '../get-reconciliation/handler';
import { ImportStatementHandler } from '../import-statement/handler';
import { ReconciliationQuery } from './dto';
import { toGrpcReconciliation } from './mappers';

/** gRPC `sms.account.v1.ReconciliationService`: the REST operations with the same handlers, access rules and validation. */
@Controller()
export class ReconciliationGrpcController {
  constructor(
    private readonly getReconciliation: GetReconciliationHandler,
    private readonly importStatement: ImportStatementHandler,
    private readonly tenants: TenantAccess,
  ) {}

  @GrpcMethod('ReconciliationService', 'GetReconciliation')
  @Access('operator', 'customer')
  reconciliation(request: { accountId?: string; from?: string; to?: string }, metadata: unknown): Promise<object> {
    return grpcCall(async () => {
      // proto3 sends unset strings as '': they mean "not given".
      const query = validateGrpcRequest(ReconciliationQuery, { from: request.from || undefined, to: request.to || undefined });
      const accountId = this.tenants.account(grpcCaller(metadata), request.accountId || undefined);
      return toGrpcReconciliation(await this.getReconciliation.handle({ accountId, from: query.from, to: query.to }));
    });
  }

  @GrpcMethod('ReconciliationService', 'ImportStatement')
  @Access('operator')
  statement(request: { accountId?: string; csv?: string }, metadata: unknown): Promise<object> {
    return grpcCall(async () => {
      const accountId = this.tenants.account(grpcCaller(metadata), request.accountId || undefined);
      const result = await this.importStatement.handle({ accountId, csv: request.csv ?? '', importedBy: grpcCaller(metadata).keyId });
      return { reconciliation: toGrpcReconciliation(result.reconciliation), created: result.created };
    });
  }
}
