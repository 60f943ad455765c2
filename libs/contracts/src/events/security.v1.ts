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
