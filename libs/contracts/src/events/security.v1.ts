/**
 * Topic sms.internal.credentials, key keyId. account-billing issues and revokes API keys; every process that serves
 * an API keeps a directory of them (libs/service-kit security). Each event carries the key's whole state, so the
 * topic can be compacted by key and a late or repeated event changes nothing (REVOKED is final).
 */
export const CREDENTIAL_V1 = 'sms.credential.v1';
export interface CredentialV1 {
  keyId: string;
  /** Absent for staff keys. */
  accountId?: string;
  roles: Array<'operator' | 'reviewer' | 'customer'>;
  /** hex SHA-256 of the secret; verifies bearer tokens and request signatures (ADR 0015). */
  verifier: string;
  status: 'ACTIVE' | 'REVOKED';
  label?: string;
  createdAt: string;
  revokedAt?: string;
}

/**
 * Topic sms.internal.security-alerts, key accountId. A process saw an attack pattern from an authenticated customer
 * key; account-billing suspends the account for security (terms §7.3.4) with this as the reason.
 */
export const SECURITY_ALERT_V1 = 'sms.security-alert.v1';
export interface SecurityAlertV1 {
  accountId: string;
  keyId: string;
  pattern: 'REQUEST_BURST' | 'TENANT_PROBING';
  detail: string;
  detectedAt: string;
}

/**
 * Topic sms.internal.audit, key actor key id. Every staff action any process performed: who, what, when, why.
 * account-billing keeps the audit log (`GET /v1/audit-log`).
 */
export const STAFF_ACTION_V1 = 'sms.staff-action.v1';
export interface StaffActionV1 {
  actionId: string;
  actorKeyId: string;
  actorRoles: string[];
  /** `POST /v1/accounts/{accountId}/deposits` — the route, not the concrete path. */
  action: string;
  /** Ids from the path, e.g. `{ accountId }`. */
  target: Record<string, string>;
  accountId?: string;
  reason?: string;
  outcome: number;
  at: string;
}

/**
 * Topic sms.internal.data-erasure, key accountId. account-billing decided that an account's personal data goes
 * (crypto-shredding, ADR 0017); every process acts on it: destroys the data keys in its key ring, forgets what it
 * cached, and purges its read models. Acting twice changes nothing.
 * - `account`: everything of the account — its lifetime key and every epoch's, every message, reply and opt-out
 *   (erasure on request; later, termination).
 * - `retention`: what is older than `before` — the keys of the epochs that ended by then, and message, reply and
 *   carrier rows from before it; opt-outs and the lifetime key stay.
 */
export const DATA_ERASED_V1 = 'sms.data-erased.v1';
export interface DataErasedV1 {
  accountId: string;
  scope: 'account' | 'retention';
  /** `retention` only: an epoch boundary (RFC 3339); what was sealed or recorded before it goes. */
  before?: string;
  reason: string;
  /** Key id of the operator, or `retention` for the periodic job. */
  erasedBy: string;
  erasedAt: string;
}
