import type { Reconciliation } from '../application/reconciliation';
import type { ReconciliationView } from './dto';

/** Whitelists every field of a reconciliation (REST and gRPC). */
export function toReconciliationView(r: Reconciliation): ReconciliationView {
  return {
    accountId: r.accountId,
    from: r.from,
    to: r.to,
    submittedSegments: r.submittedSegments,
    billedSegments: r.billedSegments,
    errorPermille: r.errorPermille,
    withinTolerance: r.withinTolerance,
    ...(r.statement
      ? {
          statement: {
            statementId: r.statement.statementId,
            periodStart: r.statement.periodStart,
            periodEnd: r.statement.periodEnd,
            operatorSegments: r.statement.operatorSegments,
            submittedSegments: r.statement.submittedSegments,
            errorPermille: r.statement.errorPermille,
            withinTolerance: r.statement.withinTolerance,
            importedAt: r.statement.importedAt,
          },
        }
      : {}),
  };
}

/** proto3 has no null: an unbounded error (null) is left out of the gRPC message, whose field is `optional`. */
function withoutNullError<T extends { errorPermille: number | null }>({ errorPermille, ...rest }: T): Omit<T, 'errorPermille'> & { errorPermille?: number } {
  return { ...rest, ...(errorPermille !== null ? { errorPermille } : {}) };
}

/** The gRPC message (account.proto `Reconciliation`). */
export function toGrpcReconciliation(r: Reconciliation): object {
  const { statement, ...rest } = toReconciliationView(r);
  return { ...withoutNullError(rest), ...(statement ? { statement: withoutNullError(statement) } : {}) };
}
