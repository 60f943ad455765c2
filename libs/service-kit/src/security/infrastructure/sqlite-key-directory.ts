import { DataKeyRing, UNATTRIBUTED } from '@sms/data-protection';
import type { PersonalDataSealer } from '@sms/use-case-kit/core';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { KeyDirectory, KeyRecord } from '../key-directory';

/**
 * The directory in a SQLite file of its own (`credentials.db`), with a small cache: keys are read on every request.
 * Verifiers sign requests (ADR 0015): each is sealed with its account's lifetime key, a staff key's with the
 * platform key, so the file alone holds nothing to sign with, and an erased account's keys stop verifying.
 */
export class SqliteKeyDirectory implements KeyDirectory {
  private readonly select: StatementSync;
  private readonly byAccount: StatementSync;
  private readonly staff: StatementSync;
  private readonly upsert: StatementSync;
  private readonly cache = new Map<string, KeyRecord | null>();

  constructor(
    private readonly db: DatabaseSync,
    private readonly sealer?: PersonalDataSealer,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS api_keys (
      key_id TEXT PRIMARY KEY, account_id TEXT, roles TEXT NOT NULL, verifier TEXT NOT NULL, status TEXT NOT NULL,
      label TEXT, created_at TEXT NOT NULL, revoked_at TEXT) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS api_keys_by_account ON api_keys (account_id, created_at);`);
    this.select = db.prepare('SELECT * FROM api_keys WHERE key_id = ?');
    this.byAccount = db.prepare('SELECT * FROM api_keys WHERE account_id = ? ORDER BY created_at, key_id');
    this.staff = db.prepare('SELECT * FROM api_keys WHERE account_id IS NULL ORDER BY created_at, key_id');
    // REVOKED wins: a late or repeated ACTIVE never revives a revoked key.
    this.upsert = db.prepare(`INSERT INTO api_keys (key_id, account_id, roles, verifier, status, label, created_at, revoked_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (key_id) DO UPDATE SET
        status = CASE WHEN api_keys.status = 'REVOKED' THEN 'REVOKED' ELSE excluded.status END,
        revoked_at = COALESCE(api_keys.revoked_at, excluded.revoked_at)`);
  }

  find(keyId: string): KeyRecord | undefined {
    const cached = this.cache.get(keyId);
    if (cached !== undefined) return cached ?? undefined;
    const row = this.select.get(keyId) as Row | undefined;
    const record = row ? this.opened(fromRow(row)) : undefined;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(keyId, record ?? null);
    return record;
  }

  apply(record: KeyRecord): void {
    const verifier = record.verifier && this.sealer ? this.sealer.seal(ownerOf(record), record.verifier, { lifetime: true }) : record.verifier;
    this.upsert.run(record.keyId, record.accountId ?? null, JSON.stringify(record.roles), verifier, record.status, record.label ?? null, record.createdAt, record.revokedAt ?? null);
    this.cache.delete(record.keyId);
  }

  /** The record with its verifier opened; an erased owner's key keeps no verifier and so verifies nothing. */
  private opened(record: KeyRecord): KeyRecord {
    if (!this.sealer || !DataKeyRing.isSealed(record.verifier)) return record;
    return { ...record, verifier: this.sealer.open(ownerOf(record), record.verifier) ?? '' };
  }

  list(accountId: string | undefined): KeyRecord[] {
    // Listings never show a verifier: leave it sealed.
    return ((accountId === undefined ? this.staff.all() : this.byAccount.all(accountId)) as unknown as Row[]).map(fromRow);
  }
}

const ownerOf = (record: KeyRecord): string => record.accountId ?? UNATTRIBUTED;

interface Row {
  key_id: string;
  account_id: string | null;
  roles: string;
  verifier: string;
  status: 'ACTIVE' | 'REVOKED';
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

const fromRow = (row: Row): KeyRecord => ({
  keyId: row.key_id,
  accountId: row.account_id ?? undefined,
  roles: JSON.parse(row.roles),
  verifier: row.verifier,
  status: row.status,
  label: row.label ?? undefined,
  createdAt: row.created_at,
  revokedAt: row.revoked_at ?? undefined,
});
