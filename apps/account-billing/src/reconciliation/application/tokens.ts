/** The per-message table of acknowledged and billed segments (`ReconciliationStore`, in `account-billing.db`). */
export const RECONCILIATION_STORE = Symbol('RECONCILIATION_STORE');
/** Imported operator statements (`StatementStore`, in `account-billing.db`). */
export const STATEMENT_STORE = Symbol('STATEMENT_STORE');
/** The projection of captures into the store (`BilledProjection`). */
export const BILLED_PROJECTION = Symbol('BILLED_PROJECTION');
