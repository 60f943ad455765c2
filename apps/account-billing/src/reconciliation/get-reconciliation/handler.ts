import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { CLOCK, type Clock, DomainError } from '@sms/service-kit';
import { assertAccountExists, billedCaughtUp, type Reconciliation, reconcile } from '../application/reconciliation';
import type { BilledProjection, ReconciliationStore, StatementStore } from '../application/reconciliation-store';
import { BILLED_PROJECTION, RECONCILIATION_STORE, STATEMENT_STORE } from '../application/tokens';
import { reconciliationPeriod } from '../domain/period';

export interface GetReconciliation {
  accountId: string;
  /** RFC 3339, inclusive; default: the start of the month the period ends in. */
  from?: string;
  /** RFC 3339, exclusive; default: the start of next month. */
  to?: string;
}

/**
 * Submitted (operator-acknowledged) against billed (captured) segments of an account over a period (terms §2.4), with
 * the latest operator statement whose period contains it.
 */
@Injectable()
export class GetReconciliationHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(RECONCILIATION_STORE) private readonly store: ReconciliationStore,
    @Inject(STATEMENT_STORE) private readonly statements: StatementStore,
    @Inject(BILLED_PROJECTION) private readonly projection: BilledProjection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(query: GetReconciliation): Promise<Reconciliation> {
    const result = reconciliationPeriod(query.from, query.to, this.clock.now());
    if (!result.ok) throw new DomainError('VALIDATION_FAILED', result.detail);
    await assertAccountExists(this.events, query.accountId);
    await billedCaughtUp(this.projection);
    const statement = await this.statements.latestCovering(query.accountId, result.period);
    return reconcile(this.store, query.accountId, result.period, statement);
  }
}
