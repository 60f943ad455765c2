import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, DomainError } from '@sms/service-kit';
import { accountView, type AccountView } from '../application/account-view';
import type { AccountCommands } from '../application/command-handlers';
import { ACCOUNT_COMMANDS } from '../application/tokens';
import { decide } from '../domain/account.decider';
import { accountStream } from '../domain/account.events';

/**
 * Erasure on request (terms §4 "destroying"; ADR 0017): account-billing decides — `AccountDataErased` in the
 * account's stream, with who asked and why — and every process acts on the `sms.data-erased.v1` its outbox publishes:
 * destroys the account's data keys and purges its rows. The ledger and its amounts stay. Termination (a later issue)
 * calls the same decision once the account is TERMINATED.
 */
@Injectable()
export class EraseAccountDataHandler {
  constructor(
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(accountId: string, reason: string, by: string): Promise<AccountView> {
    const result = await this.accounts.handle(accountStream(accountId), (state) => decide({ type: 'EraseAccountData', reason, by, at: this.clock.now() }, state));
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    return accountView(result.state);
  }
}
