import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@sms/service-kit';
import type { AccountRepository } from '../application/account-repository';
import { accountView, type AccountView } from '../application/account-view';
import { ACCOUNT_REPOSITORY } from '../application/tokens';

/** Reads the (cached) aggregate directly: it is exact and current, so no separate read model is needed. */
@Injectable()
export class GetAccountHandler {
  constructor(@Inject(ACCOUNT_REPOSITORY) private readonly accounts: AccountRepository) {}

  async execute(accountId: string): Promise<AccountView> {
    const state = await this.accounts.find(accountId);
    if (!state) throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist.`);
    return accountView(state);
  }
}
