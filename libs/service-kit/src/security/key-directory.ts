import type { CredentialV1 } from '@sms/contracts';
import type { Role } from './principal';

/** What a process knows of an API key: enough to verify it, never the secret. */
export interface KeyRecord {
  keyId: string;
  /** Absent for staff keys. */
  accountId?: string;
  roles: Role[];
  /** hex SHA-256 of the secret (credentials.ts). */
  verifier: string;
  status: 'ACTIVE' | 'REVOKED';
  label?: string;
  createdAt: string;
  revokedAt?: string;
}

/**
 * Every process that serves an API keeps a directory of keys, fed by `sms.credential.v1` events from
 * account-billing (which issues and revokes them) and, in the issuing process, written at once — so a key works the
 * moment its creation returns and a revocation takes effect at once where it was made.
 */
export interface KeyDirectory {
  find(keyId: string): KeyRecord | undefined;
  /** Applies a key's state; a revoked key never becomes active again (events may arrive twice or late). */
  apply(record: KeyRecord): void;
  /** An account's keys, or with no account the staff keys; oldest first. */
  list(accountId: string | undefined): KeyRecord[];
}

export const KEY_DIRECTORY = Symbol('KEY_DIRECTORY');

export const keyRecordOf = (event: CredentialV1): KeyRecord => ({
  keyId: event.keyId,
  accountId: event.accountId,
  roles: event.roles as Role[],
  verifier: event.verifier,
  status: event.status,
  label: event.label,
  createdAt: event.createdAt,
  revokedAt: event.revokedAt,
});
