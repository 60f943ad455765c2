import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, deterministicId, DomainError, newId } from '@sms/service-kit';
import { AccountBillingConfig } from '../../account-billing.config';
import { PriceCatalogueService } from '../../pricing/application/price-catalogue.service';
import { accountView, type AccountView } from '../application/account-view';
import type { AccountCommands } from '../application/command-handlers';
import { ACCOUNT_COMMANDS } from '../application/tokens';
import { decide } from '../domain/account.decider';
import { accountStream } from '../domain/account.events';
import type { OpenAccountCommand } from './command';

@Injectable()
export class OpenAccountHandler {
  constructor(
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
    private readonly catalogue: PriceCatalogueService,
    private readonly settings: AccountBillingConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(command: OpenAccountCommand): Promise<AccountView> {
    const name = command.name?.trim();
    const contactEmail = command.contactEmail?.trim();
    if (!name) throw new DomainError('VALIDATION_FAILED', 'name must not be empty');
    if (!contactEmail || !/^[^\s@]+@[^\s@]+$/.test(contactEmail)) throw new DomainError('VALIDATION_FAILED', 'contactEmail must be an email address');
    const currency = (command.currency || 'CNY').toUpperCase();
    const supported = await this.catalogue.currencies();
    if (!supported.includes(currency)) {
      throw new DomainError('VALIDATION_FAILED', `currency ${currency} is not priced by the catalogue; supported: ${supported.join(', ')}`);
    }
    const accountId = newId();
    const at = this.clock.now();
    // Terms accepted by click or seal now; otherwise the first actual use records them (preamble).
    const terms = command.termsAcceptance && command.termsAcceptance !== 'first-use' ? { version: command.termsVersion || this.settings.TERMS_VERSION, method: command.termsAcceptance, by: command.by ?? accountId } : undefined;
    const result = await this.accounts.handle(accountStream(accountId), (state) => decide({ type: 'OpenAccount', accountId, name, contactEmail, currency, at, ...(terms ? { terms } : {}) }, state), {
      eventId: (index) => deterministicId(accountId, 'opened', ...(index > 0 ? [String(index)] : [])),
    });
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    return accountView(result.state);
  }
}
