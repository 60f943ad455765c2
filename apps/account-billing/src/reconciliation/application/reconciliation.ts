import { type EventStore, StreamNotFoundError } from '@sms/event-store';
import { DomainError } from '@sms/service-kit';
import { accountStream } from '../../ledger/domain/account.events';
import { errorRate } from '../domain/error-rate';
import { isoOf, type Period } from '../domain/period';
import type { BilledProjection, ReconciliationStore, StoredStatement } from './reconciliation-store';

/** An account's reconciliation over a period (terms §2.4), and against an operator's statement when one covers it. */
export interface Reconciliation {
  accountId: string;
  /** [from, to), RFC 3339 UTC. */
  from: string;
  to: string;
  /** Segments the operator acknowledged for messages submitted in the period. */
  submittedSegments: number;
  /** Segments the ledger captured for them. */
  billedSegments: number;
  /** |billed − submitted| / submitted × 1000 (see errorRate). */
  errorPermille: number | null;
  withinTolerance: boolean;
  statement?: StatementReconciliation;
}

/** An operator's statement against what we submitted over its own periods. */
export interface StatementReconciliation {
  statementId: string;
  periodStart: string;
  periodEnd: string;
  /** What the operator's statement counts. */
  operatorSegments: number;
  /** What the operator acknowledged to us over the statement's periods. */
  submittedSegments: number;
  /** |operator − submitted| / submitted × 1000. */
  errorPermille: number | null;
  withinTolerance: boolean;
  importedAt: string;
}

export async function reconcile(store: ReconciliationStore, accountId: string, period: Period, statement?: StoredStatement): Promise<Reconciliation> {
  const [own] = await store.totals(accountId, [period]);
  const result: Reconciliation = {
    accountId,
    from: isoOf(period.fromMs),
    to: isoOf(period.toMs),
    submittedSegments: own.submittedSegments,
    billedSegments: own.billedSegments,
    ...errorRate(own.submittedSegments, own.billedSegments),
  };
  if (!statement) return result;
  // Over the statement's periods only: a statement may leave gaps, and what fell in them is not the operator's count.
  const perPeriod = await store.totals(accountId, statement.rows.map((row) => ({ fromMs: row.startMs, toMs: row.endMs })));
  const submittedSegments = perPeriod.reduce((sum, totals) => sum + totals.submittedSegments, 0);
  return {
    ...result,
    statement: {
      statementId: statement.statementId,
      periodStart: statement.periodStart,
      periodEnd: statement.periodEnd,
      operatorSegments: statement.operatorSegments,
      submittedSegments,
      ...errorRate(submittedSegments, statement.operatorSegments),
      importedAt: statement.importedAt,
    },
  };
}

/** ACCOUNT_NOT_FOUND unless the account's stream exists (an erased account still does: its ledger stays). */
export async function assertAccountExists(store: EventStore, accountId: string): Promise<void> {
  try {
    await store.readStream(accountStream(accountId), { maxCount: 1 });
  } catch (error) {
    if (error instanceof StreamNotFoundError) throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist.`);
    throw error;
  }
}

/** How long a read waits for the captures projection before it answers 503 (the caller retries). */
const CATCH_UP_TIMEOUT_MS = 10_000;

/**
 * Read-your-writes on the ledger's side: waits until every capture committed before the call is in the table, at
 * most CATCH_UP_TIMEOUT_MS (a projection that keeps failing is logged by its runner; the read answers 503).
 */
export async function billedCaughtUp(projection: BilledProjection, timeoutMs = CATCH_UP_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DomainError('SERVICE_UNAVAILABLE', 'Billed segments are being brought up to date; retry shortly.')), timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([projection.caughtUp(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
