import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@sms/service-kit';
import { accountView, type AccountView } from '../application/account-view';
import type { AccountCommands } from '../application/command-handlers';
import { ACCOUNT_COMMANDS } from '../application/tokens';
import { accountStream } from '../domain/account.events';

/**
 * Reads the (cached) aggregate through the command handler's load: it is exact and current (it folds in what other
 * processes appended), so no separate read model is needed.
 */
@Injectable()
export class GetAccountHandler {
  constructor(@Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands) {}

  async handle(accountId: string): Promise<AccountView> {
    const { state } = await this.accounts.load(accountStream(accountId));
    if (state.status === 'NONE') throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist.`);
    // Mapped before anything else is awaited: the cached state moves on with the next command.
    return accountView(state);
  }
}
