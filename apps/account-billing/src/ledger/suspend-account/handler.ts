import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, DomainError } from '@sms/service-kit';
import { accountView, type AccountView } from '../application/account-view';
import type { AccountCommands } from '../application/command-handlers';
import { ACCOUNT_COMMANDS } from '../application/tokens';
import { decide } from '../domain/account.decider';
import { accountStream, type SuspensionKind } from '../domain/account.events';

/**
 * Suspends an account (terms §7.3.2 breach, §7.3.4 security) and lifts it again; both with a reason and the actor
 * recorded in the account's stream. Dispatch stops the account's sending when it hears of the new status.
 */
@Injectable()
export class SuspendAccountHandler {
  constructor(
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `eventId`: derived from what caused it (a security alert), so a redelivered cause suspends once. */
  async suspend(accountId: string, kind: SuspensionKind, reason: string, by: string, eventId?: string): Promise<AccountView> {
    const result = await this.accounts.handle(accountStream(accountId), (state) => decide({ type: 'SuspendAccount', kind, reason, by, at: this.clock.now() }, state), eventId ? { eventId: () => eventId } : {});
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    return accountView(result.state);
  }

  async lift(accountId: string, reason: string, by: string): Promise<AccountView> {
    const result = await this.accounts.handle(accountStream(accountId), (state) => decide({ type: 'LiftSuspension', reason, by, at: this.clock.now() }, state));
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    return accountView(result.state);
  }
}
