import type { RetainedAccount } from '../domain/retention';

/**
 * What the retention job needs to know of every account (port; SQLite adapter in infrastructure/): when it opened,
 * its own period if any, and the boundary erased last. Fed by a projection of the account streams; an erased account
 * leaves it (nothing of it is left to age).
 */
export interface RetentionSchedule {
  /** An account opened; seen again, nothing changes. */
  opened(accountId: string, openedAt: string): Promise<void>;
  /** The account's own period (`days`), or the platform's again (undefined). */
  retentionSet(accountId: string, days: number | undefined): Promise<void>;
  /** Retention erased what was before `before`; an earlier boundary never replaces a later one. */
  retentionErased(accountId: string, before: string): Promise<void>;
  /** All of the account's data was erased: it leaves the schedule. */
  erased(accountId: string): Promise<void>;
  /** Accounts still holding data, by account id after `after`, at most `limit`. */
  accounts(after: string | undefined, limit: number): Promise<RetainedAccount[]>;
}

/** Read-your-writes for the job: the projection feeding the schedule. */
export interface RetentionProjection {
  caughtUp(): Promise<void>;
}
