import type { ExecutionContext } from '@nestjs/common';
import { DomainError } from '../errors';

/** CONTRACTS.md "Authentication and roles". */
export type Role = 'operator' | 'reviewer' | 'customer';
export const ROLES: readonly Role[] = ['operator', 'reviewer', 'customer'];

/** Who called: the bootstrap admin key, a staff key or a customer key (which implies its account). */
export interface Principal {
  keyId: string;
  kind: 'admin' | 'staff' | 'customer';
  roles: readonly Role[];
  /** The one account a customer key may see and act for. */
  accountId?: string;
}

export const ACCESS_METADATA = 'sms:access';
export type AccessRule = { public: true } | { public: false; roles: readonly Role[] };

export const HMAC_SCHEME = 'SMS-HMAC-SHA256';

export const PRINCIPAL = Symbol('sms:principal');


export function principalOf(context: ExecutionContext): Principal {
  return grpcCaller(context.getType() === 'rpc' ? context.switchToRpc().getContext() : context.switchToHttp().getRequest());
}

/**
 * The caller the guard verified, from what carries it: a REST request, or the metadata a gRPC handler receives as
 * second argument.
 */
export function grpcCaller(carrier: unknown): Principal {
  const principal = (carrier as Record<symbol, Principal | undefined> | undefined)?.[PRINCIPAL];
  if (!principal) throw new DomainError('UNAUTHENTICATED', 'No credential was verified for this call.');
  return principal;
}

export const isStaff = (principal: Principal): boolean => principal.kind !== 'customer';

/**
 * The account a call acts for. A customer key implies its account: `requested` may be left out, and another
 * account's id is answered as if it did not exist (404, never 403 — CONTRACTS.md). Staff name the account.
 */
export function accountScope(principal: Principal, requested: string | undefined, onForeign?: (accountId: string) => void): string {
  if (principal.kind === 'customer') {
    if (requested !== undefined && requested !== principal.accountId) {
      onForeign?.(requested);
      throw accountNotFound(requested);
    }
    return principal.accountId as string;
  }
  if (requested === undefined || requested === '') throw new DomainError('VALIDATION_FAILED', 'accountId is required with a staff key.');
  return requested;
}

export const accountNotFound = (accountId: string): DomainError => new DomainError('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist.`);
