import type { AcknowledgedMessage, BilledMessage } from '../domain/message-segments';
import type { Period } from '../domain/period';
import type { Statement } from '../domain/statement-csv';

/*
 * Ports of reconciliation (terms §2.4), implemented in infrastructure/ (SQLite in account-billing.db now). Ids and
 * counts only: no personal data (ADR 0026).
 */

/** Segments of an account's messages that count in one period (by the time the operator acknowledged them). */
export interface SegmentTotals {
  /** Acknowledged by the operator. */
  submittedSegments: number;
  /** Captured by the ledger. */
  billedSegments: number;
}

export interface MessageCharge {
  messageId: string;
  /** What the ledger captured for the message, in minor units. */
  chargedMinor: bigint;
}

/**
 * A row per message: the segments the operator acknowledged and those the ledger billed, with what was charged.
 * Writes run inside the caller's unit of work; each is idempotent per message, whatever the order of the two sides
 * and however often either arrives.
 */
export interface ReconciliationStore {
  /** Acknowledgements: a message seen again keeps the larger count and the earlier time. */
  acknowledged(messages: AcknowledgedMessage[]): Promise<void>;
  /** Captures: a message billed again (a replay) holds the values of its capture. */
  billed(messages: BilledMessage[]): Promise<void>;
  /**
   * The account's totals for each period, in the order given. A message counts at its acknowledgement time, or its
   * capture time while no acknowledgement is known.
   */
  totals(accountId: string, periods: Period[]): Promise<SegmentTotals[]>;
  /** What the ledger charged for those of the messages that belong to the account and were billed. */
  charges(accountId: string, messageIds: string[]): Promise<MessageCharge[]>;
}

export interface StoredStatement extends Statement {
  /** Derived from the account and the statement's periods and counts: the same statement imported twice is one. */
  statementId: string;
  accountId: string;
  importedAt: string;
  /** The key that imported it. */
  importedBy: string;
}

/** Operators' statements, as imported. */
export interface StatementStore {
  /** Keeps the statement (inside a unit of work); false (and nothing changes) when one with its id is kept already. */
  save(statement: StoredStatement): Promise<boolean>;
  get(accountId: string, statementId: string): Promise<StoredStatement | undefined>;
  /** The account's statement imported last among those whose period contains [fromMs, toMs). */
  latestCovering(accountId: string, period: Period): Promise<StoredStatement | undefined>;
}

/** Read-your-writes for the ledger's side: resolves once every capture committed so far is in the store. */
export interface BilledProjection {
  caughtUp(): Promise<void>;
}
