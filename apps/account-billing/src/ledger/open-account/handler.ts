import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, deterministicId, DomainError, newId } from '@sms/service-kit';
import { PriceCatalogueService } from '../../pricing/application/price-catalogue.service';
import type { AccountRepository } from '../application/account-repository';
import { accountView, type AccountView } from '../application/account-view';
import { ACCOUNT_REPOSITORY } from '../application/tokens';

export interface OpenAccountInput {
  name: string;
  contactEmail: string;
  /** ISO 4217; defaults to CNY. Only currencies the price catalogue prices are accepted. */
  currency?: string;
}

@Injectable()
export class OpenAccountHandler {
  constructor(
    @Inject(ACCOUNT_REPOSITORY) private readonly accounts: AccountRepository,
    private readonly catalogue: PriceCatalogueService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: OpenAccountInput): Promise<AccountView> {
    const name = input.name?.trim();
    const contactEmail = input.contactEmail?.trim();
    if (!name) throw new DomainError('VALIDATION_FAILED', 'name must not be empty');
    if (!contactEmail || !/^[^\s@]+@[^\s@]+$/.test(contactEmail)) throw new DomainError('VALIDATION_FAILED', 'contactEmail must be an email address');
    const currency = (input.currency || 'CNY').toUpperCase();
    const supported = await this.catalogue.currencies();
    if (!supported.includes(currency)) {
      throw new DomainError('VALIDATION_FAILED', `currency ${currency} is not priced by the catalogue; supported: ${supported.join(', ')}`);
    }
    const accountId = newId();
    const result = await this.accounts.execute(
      accountId,
      { type: 'OpenAccount', accountId, name, contactEmail, currency, at: this.clock.now() },
      { eventId: () => deterministicId(accountId, 'opened') },
    );
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    return accountView(result.state);
  }
}
