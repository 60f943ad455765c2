import type { KeyRecord } from '@sms/service-kit';
import type { ApiKeyResponse } from './dto';

/** A key as it is listed and exported: never its verifier. */
export const toKey = (r: KeyRecord): ApiKeyResponse => ({ keyId: r.keyId, roles: r.roles, status: r.status, label: r.label, createdAt: r.createdAt, revokedAt: r.revokedAt });
