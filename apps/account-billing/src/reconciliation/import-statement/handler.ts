import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { CLOCK, type Clock, deterministicId, DomainError } from '@sms/service-kit';
import type { UnitOfWork } from '@sms/use-case-kit';
import { ACCOUNT_BILLING_DB } from '../../ledger/application/tokens';
import { assertAccountExists, billedCaughtUp, type Reconciliation, reconcile } from '../application/reconciliation';
import type { BilledProjection, ReconciliationStore, StatementStore, StoredStatement } from '../application/reconciliation-store';
import { BILLED_PROJECTION, RECONCILIATION_STORE, STATEMENT_STORE } from '../application/tokens';
import { parseStatementCsv } from '../domain/statement-csv';

export interface ImportStatement {
  accountId: string;
  /** The statement as the operator sent it (text/csv, see statement-csv.ts). */
  csv: string;
  /** The key importing it. */
  importedBy: string;
}

export interface ImportedStatement {
  /** False when the same statement (same periods and counts) was imported before: nothing changed. */
  created: boolean;
  /** The statement's own period, reconciled against it. */
  reconciliation: Reconciliation;
}

/** Keeps an operator's statement of an account and reconciles its period against it (terms §2.4). */
@Injectable()
export class ImportStatementHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(ACCOUNT_BILLING_DB) private readonly db: UnitOfWork,
    @Inject(RECONCILIATION_STORE) private readonly store: ReconciliationStore,
    @Inject(STATEMENT_STORE) private readonly statements: StatementStore,
    @Inject(BILLED_PROJECTION) private readonly projection: BilledProjection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(command: ImportStatement): Promise<ImportedStatement> {
    const parsed = parseStatementCsv(command.csv);
    if (!parsed.ok) {
      throw new DomainError('VALIDATION_FAILED', `line ${parsed.line}: ${parsed.problem}`, { errors: [{ field: `line ${parsed.line}`, problems: [parsed.problem] }] });
    }
    await assertAccountExists(this.events, command.accountId);
    const { statement } = parsed;
    const canonical = statement.rows.map((row) => `${row.start}/${row.end}=${row.segments}`).join(';');
    const candidate: StoredStatement = {
      ...statement,
      statementId: deterministicId('reconciliation-statement', command.accountId, canonical),
      accountId: command.accountId,
      importedAt: this.clock.now().toISOString(),
      importedBy: command.importedBy,
    };
    const created = await this.db.transaction(() => this.statements.save(candidate));
    const kept = created ? candidate : ((await this.statements.get(command.accountId, candidate.statementId)) ?? candidate);
    await billedCaughtUp(this.projection);
    const period = { fromMs: Date.parse(kept.periodStart), toMs: Date.parse(kept.periodEnd) };
    return { created, reconciliation: await reconcile(this.store, command.accountId, period, kept) };
  }
}
