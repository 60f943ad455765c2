/** Deposits funds on an account: built by the REST and gRPC controllers, handled by `DepositFundsHandler`. */
export interface DepositFundsCommand {
  accountId: string;
  /** Decimal string, > 0, at most 4 decimal places. */
  amount: string;
  /** The payer's reference; the same reference twice is one deposit. */
  reference: string;
}
