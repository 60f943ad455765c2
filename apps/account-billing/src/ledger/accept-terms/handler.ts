import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, deterministicId } from '@sms/service-kit';
import { AccountBillingConfig } from '../../account-billing.config';
import { type AccountCommands, commandAccount } from '../application/command-handlers';
import { ACCOUNT_COMMANDS } from '../application/tokens';
import type { TermsAcceptanceMethod } from '../domain/account.events';

export interface TermsAcceptance {
  version: string;
  method: TermsAcceptanceMethod;
  acceptedAt: string;
  created: boolean;
}

/**
 * Records the customer's acceptance of the service terms (preamble): by click (the customer's own key) or by a
 * sealed contract (staff record it). The version is the platform's TERMS_VERSION; accepting it again changes nothing.
 */
@Injectable()
export class AcceptTermsHandler {
  constructor(
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
    private readonly settings: AccountBillingConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(accountId: string, method: 'click' | 'seal', by: string): Promise<TermsAcceptance> {
    const version = this.settings.TERMS_VERSION;
    const { events, state } = await commandAccount(
      this.accounts,
      accountId,
      { type: 'AcceptTerms', version, method, by, at: this.clock.now() },
      { eventId: () => deterministicId(accountId, 'terms', version) },
    );
    const terms = state.terms;
    if (!terms) throw new Error(`Terms acceptance missing from account ${accountId} after it was recorded`);
    return { version: terms.version, method: terms.method, acceptedAt: terms.acceptedAt, created: events.length > 0 };
  }
}
