/** Opens a prepaid account: built by the REST and gRPC controllers, handled by `OpenAccountHandler`. */
export interface OpenAccountCommand {
  name: string;
  contactEmail: string;
  /** ISO 4217; defaults to CNY. Only currencies the price catalogue prices are accepted. */
  currency?: string;
}
