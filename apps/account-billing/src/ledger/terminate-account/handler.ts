import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, deterministicId } from '@sms/service-kit';
import { accountView, type AccountView } from '../application/account-view';
import { type AccountCommands, commandAccount } from '../application/command-handlers';
import { ACCOUNT_COMMANDS } from '../application/tokens';
import type { TerminationBasis } from '../domain/account.events';

/**
 * Termination by agreement (terms §7.3.1) or by notice (§7.3.5). The account is TERMINATING at once — dispatch and
 * the carrier stop its unsubmitted messages, which release their reservations — and TERMINATED, with a REFUND
 * entry of the unconsumed balance, when the settlement of its last reservation arrives (at once if none is open).
 */
@Injectable()
export class TerminateAccountHandler {
  constructor(
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(accountId: string, basis: TerminationBasis, reason: string, by: string): Promise<AccountView> {
    const { state } = await commandAccount(
      this.accounts,
      accountId,
      { type: 'RequestTermination', basis, reason, by, at: this.clock.now() },
      // One termination per account: a retried request appends the same ids.
      { eventId: (index) => deterministicId(accountId, 'termination', String(index)) },
    );
    return accountView(state);
  }
}
