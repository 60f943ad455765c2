import { Inject, Injectable } from '@nestjs/common';
import type { DomainError } from '../errors';
import { accountScope, type Principal } from './principal';
import type { Authenticator } from './authenticator';

export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

/**
 * Tenant isolation at the edge of every use case: a customer key sees its own account's resources only, and
 * another account's — even one that exists — is answered as absent (404, never 403, never data). Asking for other
 * accounts' ids again and again is reported as probing (the account is suspended for security).
 */
@Injectable()
export class TenantAccess {
  constructor(@Inject(AUTHENTICATOR) private readonly authenticator: Authenticator) {}

  /** The account a call acts for (see `accountScope`). */
  account(caller: Principal, requested: string | undefined): string {
    return accountScope(caller, requested, (foreign) => this.authenticator.foreignId(caller, foreign));
  }

  /** Returns the resource when the caller may see it; otherwise throws what a missing one would answer. */
  own<T>(caller: Principal, resource: T, ownerAccountId: (resource: T) => string, id: string, notFound: () => DomainError): T {
    if (caller.kind === 'customer' && ownerAccountId(resource) !== caller.accountId) {
      this.authenticator.foreignId(caller, id);
      throw notFound();
    }
    return resource;
  }
}
