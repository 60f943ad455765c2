import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, DomainError } from '@sms/service-kit';
import { accountView, type AccountView } from '../application/account-view';
import type { AccountCommands } from '../application/command-handlers';
import { ACCOUNT_COMMANDS } from '../application/tokens';
import { decide } from '../domain/account.decider';
import { accountStream } from '../domain/account.events';

/** An account's own retention period (terms §4), recorded in its stream with the operator and reason; the retention job reads it. */
@Injectable()
export class SetRetentionPeriodHandler {
  constructor(
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(accountId: string, days: number, reason: string | undefined, by: string): Promise<AccountView> {
    if (!Number.isInteger(days) || days < 1) throw new DomainError('VALIDATION_FAILED', 'days must be a whole number of days ≥ 1');
    const result = await this.accounts.handle(accountStream(accountId), (state) => decide({ type: 'SetRetentionPeriod', days, reason, by, at: this.clock.now() }, state));
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    return accountView(result.state);
  }
}
