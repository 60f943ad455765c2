import { Inject, Injectable } from '@nestjs/common';
import { parseMoney } from '@sms/contracts';
import { CLOCK, type Clock, DomainError } from '@sms/service-kit';
import { accountView, type AccountView } from '../application/account-view';
import { type AccountCommands, commandAccount } from '../application/command-handlers';
import { ACCOUNT_COMMANDS } from '../application/tokens';

/**
 * The low-balance alert threshold (terms §7.2): when available balance falls below it the customer is told once per
 * crossing (a notification and an e-mail). `lowBalance` null or absent: no alert.
 */
@Injectable()
export class SetLowBalanceAlertHandler {
  constructor(
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(accountId: string, lowBalance: string | null | undefined, by: string): Promise<AccountView> {
    let thresholdMinor: bigint | undefined;
    if (lowBalance !== null && lowBalance !== undefined) {
      const parsed = typeof lowBalance === 'string' ? parseMoney(lowBalance) : null;
      if (parsed === null || parsed < 0n) throw new DomainError('INVALID_AMOUNT', 'lowBalance must be a decimal string ≥ 0 with at most 4 decimal places, or null to turn the alert off');
      thresholdMinor = parsed;
    }
    const { state } = await commandAccount(this.accounts, accountId, { type: 'SetLowBalanceThreshold', ...(thresholdMinor !== undefined ? { thresholdMinor } : {}), by, at: this.clock.now() });
    return accountView(state);
  }
}
