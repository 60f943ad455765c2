import type { StaffActionV1 } from '@sms/contracts';

export interface AuditQuery {
  accountId?: string;
  actorKeyId?: string;
  from?: string;
  to?: string;
  limit: number;
  /** Opaque: the last entry of the previous page. */
  cursor?: string;
}

/** The audit log of staff actions (`GET /v1/audit-log`): append-only, newest first, deduplicated by action id. */
export interface AuditLog {
  record(entry: StaffActionV1): void;
  list(query: AuditQuery): { items: StaffActionV1[]; nextCursor?: string };
}

export const AUDIT_LOG = Symbol('AUDIT_LOG');
