import type { PriceVersion } from '../domain/balance-estimate';

/** An account's money as account-billing last reported it (`sms.account-balance.v1`), minor units. */
export interface AccountBalanceEntry {
  accountId: string;
  balanceMinor: number;
  availableMinor: number;
  /** The account stream's revision the figures are true at: a report with a lower one is older news. */
  revision: number;
  at: string;
}

/** A published price catalogue version (`sms.price-catalogue.v1`). */
export interface PriceVersionEntry extends PriceVersion {
  publishedAt: string;
}

/**
 * Dispatch's view of what a send can cost (port): each account's latest balance report and every price catalogue
 * version, kept across restarts. A balance report keeps only the highest revision; a version number is kept once
 * (the last copy of it wins, as billing's catalogue stream does).
 */
export interface BalanceView {
  /** Saves the report unless one of the same or a later revision is held; true when it was saved. */
  saveBalance(balance: AccountBalanceEntry): Promise<boolean>;
  balanceOf(accountId: string): Promise<AccountBalanceEntry | undefined>;
  savePriceVersion(version: PriceVersionEntry): Promise<void>;
  /** Every version, ordered by effectiveAt then version (what `versionInForce` reads). */
  priceVersions(): Promise<readonly PriceVersionEntry[]>;
}
