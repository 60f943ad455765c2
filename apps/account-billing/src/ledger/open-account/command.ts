/** Opens a prepaid account: built by the REST and gRPC controllers, handled by `OpenAccountHandler`. */
export interface OpenAccountCommand {
  name: string;
  contactEmail: string;
  /** ISO 4217; defaults to CNY. Only currencies the price catalogue prices are accepted. */
  currency?: string;
  /** How the customer accepted the terms now (click or seal); absent or first-use: their first send records it. */
  termsAcceptance?: 'click' | 'seal' | 'first-use';
  /** The version accepted; default the platform's TERMS_VERSION. */
  termsVersion?: string;
  /** Who recorded it (the staff key). */
  by?: string;
}
