export interface OpenAccount {
  type: 'OpenAccount';
  accountId: string;
  name: string;
  contactEmail: string;
  currency: string;
  at: Date;
}

export interface DepositFunds {
  type: 'DepositFunds';
  amountMinor: bigint;
  /** The payer's reference; the same reference twice is one deposit. */
  reference: string;
  at: Date;
}

export interface ReserveFundsItem {
  messageId: string;
  segments: number;
  /** Looked up in the catalogue in force by the caller; null when nothing prices this message. */
  unitPriceMinor: bigint | null;
}

export interface ReserveFunds {
  type: 'ReserveFunds';
  batchId: string;
  /** Currency of the unit prices (the catalogue's); an account in another currency cannot be priced. */
  currency: string;
  /** Cleared messages in the order they are to be served. */
  items: ReserveFundsItem[];
  at: Date;
}

export interface SubmissionResult {
  messageId: string;
  status: 'SUBMITTED' | 'FAILED';
  segmentsSubmitted: number;
  errorCode?: string;
}

export interface SettleFunds {
  type: 'SettleFunds';
  /** Identifies the coalesced result set (the consumed event id); recorded for tracing. */
  batchKey: string;
  results: SubmissionResult[];
  at: Date;
  /** Why failed results are released (default SUBMIT_FAILED). */
  releaseReason?: 'SUBMIT_FAILED' | 'WITHDRAWN';
}

export interface SuspendAccount {
  type: 'SuspendAccount';
  kind: 'SECURITY' | 'BREACH';
  reason: string;
  /** Key id of the staff member, or `security` when an attack pattern suspended it. */
  by: string;
  at: Date;
}

export interface LiftSuspension {
  type: 'LiftSuspension';
  reason: string;
  by: string;
  at: Date;
}

export interface SetRetentionPeriod {
  type: 'SetRetentionPeriod';
  /** Whole days; undefined: the platform's period again. */
  days?: number;
  reason?: string;
  by: string;
  at: Date;
}

/** Erasure on request (terms §4 "destroying"): every number, text and reply of the account, for good. */
export interface EraseAccountData {
  type: 'EraseAccountData';
  /** Who asked and why, e.g. the customer's request reference. */
  reason: string;
  by: string;
  at: Date;
}

/** The retention job: what is older than `before` (an epoch boundary) goes. */
export interface EraseRetainedData {
  type: 'EraseRetainedData';
  before: Date;
  reason: string;
  by: string;
  at: Date;
}

export type AccountCommand =
  | OpenAccount
  | DepositFunds
  | ReserveFunds
  | SettleFunds
  | SuspendAccount
  | LiftSuspension
  | SetRetentionPeriod
  | EraseAccountData
  | EraseRetainedData;
