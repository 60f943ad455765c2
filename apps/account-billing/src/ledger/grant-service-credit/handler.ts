import { Inject, Injectable } from '@nestjs/common';
import { parseMoney } from '@sms/contracts';
import { CLOCK, type Clock, deterministicId, DomainError } from '@sms/service-kit';
import { MESSAGE_CHARGES, type MessageCharges } from '../../reconciliation/application/message-charges';
import { referenceOf } from '../deposit-funds/handler';
import { accountView, type AccountView } from '../application/account-view';
import { type AccountCommands, commandAccount } from '../application/command-handlers';
import { ACCOUNT_COMMANDS } from '../application/tokens';
import type { CreditedItem } from '../domain/account.events';

export const MAX_CREDITED_MESSAGES = 1_000;

export interface GrantServiceCreditCommand {
  accountId: string;
  messageIds: string[];
  amount: string;
  reason: string;
  /** The request's reference (or Idempotency-Key): the same one again is the same credit. */
  reference: string;
  by: string;
}

export interface ServiceCreditResult {
  reference: string;
  amountMinor: bigint;
  items: CreditedItem[];
  grantedAt: string;
  created: boolean;
  account: AccountView;
}

/**
 * A service credit for a failure of the service (terms §8.5), capped by what the affected messages were charged less
 * earlier credits: the charges come from the captures read model, the cap is the decider's.
 */
@Injectable()
export class GrantServiceCreditHandler {
  constructor(
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
    @Inject(MESSAGE_CHARGES) private readonly charges: MessageCharges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(command: GrantServiceCreditCommand): Promise<ServiceCreditResult> {
    const amountMinor = typeof command.amount === 'string' ? parseMoney(command.amount) : null;
    if (amountMinor === null || amountMinor <= 0n) throw new DomainError('INVALID_AMOUNT', 'amount must be a decimal string greater than 0 with at most 4 decimal places');
    const messageIds = [...new Set(command.messageIds)];
    if (messageIds.length === 0 || messageIds.length > MAX_CREDITED_MESSAGES) throw new DomainError('VALIDATION_FAILED', `messageIds must name 1–${MAX_CREDITED_MESSAGES} messages`);
    const reference = referenceOf(command.reference);
    const charges = await this.charges.chargesOf(command.accountId, messageIds);
    const { events, state } = await commandAccount(
      this.accounts,
      command.accountId,
      { type: 'GrantServiceCredit', amountMinor, charges, messageIds, reason: command.reason, reference, by: command.by, at: this.clock.now() },
      { eventId: (index) => deterministicId(command.accountId, 'service-credit', reference, String(index)) },
    );
    const granted = events.find((e) => e.type === 'ServiceCreditGranted');
    const recorded = state.credits.get(reference);
    if (!recorded) throw new Error(`Service credit ${reference} missing from account ${command.accountId} after it was recorded`);
    return {
      reference,
      amountMinor: recorded.amountMinor,
      items: granted?.type === 'ServiceCreditGranted' ? granted.data.items : [],
      grantedAt: recorded.at,
      created: events.length > 0,
      account: accountView(state),
    };
  }
}
