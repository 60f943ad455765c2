/**
 * Who opted out (port; inbound's repository answers it): a send of marketing leaves out the numbers that replied an
 * opt-out keyword to the account (DOMAIN §1). Numbers are E.164.
 */
export interface OptOutLookup {
  /** The numbers among `phoneNumbers` that opted out of this account's messages. */
  optedOutAmong(accountId: string, phoneNumbers: string[]): Promise<Set<string>>;
}

export const OPT_OUT_LOOKUP = Symbol('OPT_OUT_LOOKUP');
