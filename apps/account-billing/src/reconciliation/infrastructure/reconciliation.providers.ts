import type { Provider } from '@nestjs/common';
import type { SqliteReadModelDatabase } from '@sms/use-case-kit';
import { ACCOUNT_BILLING_DB } from '../../ledger/application/tokens';
import { ReconciliationController } from '../api/reconciliation.controller';
import { ReconciliationGrpcController } from '../api/reconciliation.grpc.controller';
import { CaughtUpMessageCharges, MESSAGE_CHARGES } from '../application/message-charges';
import type { BilledProjection, ReconciliationStore } from '../application/reconciliation-store';
import { BILLED_PROJECTION, RECONCILIATION_STORE, STATEMENT_STORE } from '../application/tokens';
import { GetReconciliationHandler } from '../get-reconciliation/handler';
import { ImportStatementHandler } from '../import-statement/handler';
import { RecordAcknowledgementsHandler } from '../record-acknowledgements/handler';
import { ReconciliationPipelines } from './reconciliation-pipelines';
import { SqliteReconciliationStore, SqliteStatementStore } from './sqlite-reconciliation-store';

/**
 * Reconciliation (ADR 0026) as account-billing's module wires it: its tables in `account-billing.db` — on the same
 * connection and unit of work as the module's inbox and checkpoints, so the projection's rows and position commit
 * together — the pipelines that feed them, the use cases, and MESSAGE_CHARGES for service credits.
 */
export const RECONCILIATION_PROVIDERS: Provider[] = [
  { provide: RECONCILIATION_STORE, inject: [ACCOUNT_BILLING_DB], useFactory: (db: SqliteReadModelDatabase) => new SqliteReconciliationStore(db.db) },
  { provide: STATEMENT_STORE, inject: [ACCOUNT_BILLING_DB], useFactory: (db: SqliteReadModelDatabase) => new SqliteStatementStore(db.db) },
  RecordAcknowledgementsHandler,
  ReconciliationPipelines,
  { provide: BILLED_PROJECTION, useExisting: ReconciliationPipelines },
  {
    provide: MESSAGE_CHARGES,
    inject: [BILLED_PROJECTION, RECONCILIATION_STORE],
    useFactory: (projection: BilledProjection, store: ReconciliationStore) => new CaughtUpMessageCharges(projection, store),
  },
  GetReconciliationHandler,
  ImportStatementHandler,
];

export const RECONCILIATION_CONTROLLERS = [ReconciliationController, ReconciliationGrpcController];
