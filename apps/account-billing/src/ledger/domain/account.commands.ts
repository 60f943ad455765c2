export interface OpenAccount {
  type: 'OpenAccount';
  accountId: string;
  name: string;
  contactEmail: string;
  currency: string;
  at: Date;
  /** Terms accepted when the account is opened (by click or a sealed contract); otherwise first use records them. */
  terms?: { version: string; method: 'click' | 'seal' | 'first-use'; by: string };
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
  /** The price of a catalogue version taking effect within the reservation horizon, when there is one. */
  next?: { effectiveAt: string; unitPriceMinor: bigint | null };
}

export interface ReserveFunds {
  type: 'ReserveFunds';
  batchId: string;
  /**
   * What makes this reservation once-only when it is not the batch itself: a reviewer's release of one held message
   * (`review:<messageId>`) reserves for a batch that was reserved already (ADR 0036). Defaults to the batch id.
   */
  key?: string;
  /** Currency of the unit prices (the catalogue's); an account in another currency cannot be priced. */
  currency: string;
  /** Cleared messages in the order they are to be served. */
  items: ReserveFundsItem[];
  at: Date;
  /** The terms version in force: a customer who never accepted them otherwise accepts them by this first use. */
  termsVersion?: string;
}

export interface SubmissionResult {
  messageId: string;
  status: 'SUBMITTED' | 'FAILED';
  segmentsSubmitted: number;
  errorCode?: string;
  /** When the operator acknowledged it: picks the price in force (§2.3); absent: the command's `at`. */
  submittedAt?: string;
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

export interface AcceptTerms {
  type: 'AcceptTerms';
  version: string;
  method: 'click' | 'seal' | 'first-use';
  by: string;
  at: Date;
}

export interface AdjustFunds {
  type: 'AdjustFunds';
  /** Signed; never zero. */
  amountMinor: bigint;
  reason: string;
  reference: string;
  by: string;
  at: Date;
}

export interface GrantServiceCredit {
  type: 'GrantServiceCredit';
  amountMinor: bigint;
  /** What each affected message was charged, as the charges projection knows it (messages it does not know are absent). */
  charges: Array<{ messageId: string; chargedMinor: bigint }>;
  messageIds: string[];
  reason: string;
  reference: string;
  by: string;
  at: Date;
}

export interface SetLowBalanceThreshold {
  type: 'SetLowBalanceThreshold';
  /** Undefined: no alert. */
  thresholdMinor?: bigint;
  by: string;
  at: Date;
}

export interface RequestTermination {
  type: 'RequestTermination';
  basis: 'agreement' | 'notice';
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
  | EraseRetainedData
  | AcceptTerms
  | AdjustFunds
  | GrantServiceCredit
  | SetLowBalanceThreshold
  | RequestTermination;
