import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { AccountBalanceEntry, BalanceView, PriceVersionEntry } from '../application/balance-view';
import { compareVersions } from '../domain/balance-estimate';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS account_balances (account_id TEXT PRIMARY KEY, balance_minor INTEGER NOT NULL, available_minor INTEGER NOT NULL, revision INTEGER NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS price_versions (version INTEGER PRIMARY KEY, currency TEXT NOT NULL, effective_at TEXT NOT NULL, published_at TEXT NOT NULL, prices TEXT NOT NULL);
`;

interface VersionRow {
  version: number;
  currency: string;
  effectiveAt: string;
  publishedAt: string;
  prices: string;
}

/**
 * The balance view in dispatch's SQLite file: a row per account that only a later revision replaces, and a row per
 * price catalogue version. The versions are few and change rarely, so they are read once into memory and read again
 * after a save; the balance is one primary-key read per send.
 */
export class SqliteBalanceView implements BalanceView {
  private readonly upsertBalance: StatementSync;
  private readonly balance: StatementSync;
  private readonly upsertVersion: StatementSync;
  private readonly versions: StatementSync;
  private cached?: readonly PriceVersionEntry[];

  constructor(db: DatabaseSync) {
    db.exec(SCHEMA);
    this.upsertBalance = db.prepare(
      `INSERT INTO account_balances (account_id, balance_minor, available_minor, revision, at) VALUES (?,?,?,?,?)
       ON CONFLICT (account_id) DO UPDATE SET balance_minor = excluded.balance_minor, available_minor = excluded.available_minor,
       revision = excluded.revision, at = excluded.at WHERE excluded.revision > account_balances.revision`,
    );
    this.balance = db.prepare(
      'SELECT account_id AS accountId, balance_minor AS balanceMinor, available_minor AS availableMinor, revision, at FROM account_balances WHERE account_id = ?',
    );
    this.upsertVersion = db.prepare(
      `INSERT INTO price_versions (version, currency, effective_at, published_at, prices) VALUES (?,?,?,?,?)
       ON CONFLICT (version) DO UPDATE SET currency = excluded.currency, effective_at = excluded.effective_at, published_at = excluded.published_at, prices = excluded.prices`,
    );
    this.versions = db.prepare('SELECT version, currency, effective_at AS effectiveAt, published_at AS publishedAt, prices FROM price_versions');
  }

  async saveBalance(b: AccountBalanceEntry): Promise<boolean> {
    return Number(this.upsertBalance.run(b.accountId, b.balanceMinor, b.availableMinor, b.revision, b.at).changes) === 1;
  }

  async balanceOf(accountId: string): Promise<AccountBalanceEntry | undefined> {
    const row = this.balance.get(accountId) as AccountBalanceEntry | undefined;
    return row && { ...row };
  }

  async savePriceVersion(v: PriceVersionEntry): Promise<void> {
    this.upsertVersion.run(v.version, v.currency, v.effectiveAt, v.publishedAt, JSON.stringify(v.prices));
    this.cached = undefined;
  }

  async priceVersions(): Promise<readonly PriceVersionEntry[]> {
    this.cached ??= (this.versions.all() as unknown as VersionRow[])
      .map((row) => ({ version: row.version, currency: row.currency, effectiveAt: row.effectiveAt, publishedAt: row.publishedAt, prices: JSON.parse(row.prices) }))
      .sort(compareVersions);
    return this.cached;
  }
}
