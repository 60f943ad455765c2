import { Inject, Injectable } from '@nestjs/common';
import { parseMoney } from '@sms/contracts';
import { CLOCK, type Clock, deterministicId, DomainError } from '@sms/service-kit';
import { accountView, type AccountView } from '../application/account-view';
import { type AccountCommands, commandAccount } from '../application/command-handlers';
import { ACCOUNT_COMMANDS } from '../application/tokens';
import { referenceOf } from '../deposit-funds/handler';

export interface AdjustFundsCommand {
  accountId: string;
  /** Signed decimal string, e.g. "-12.5000". */
  amount: string;
  reason: string;
  reference: string;
  by: string;
}

export interface AdjustmentResult {
  reference: string;
  amountMinor: bigint;
  adjustedAt: string;
  /** False when this reference was already adjusted by the same amount and nothing changed. */
  created: boolean;
  account: AccountView;
}

/**
 * A statement correction by staff (terms §2.4): signed, idempotent by reference. A debit that takes the balance
 * below zero freezes the account for arrears (§7.3.3) in the same append; dispatch stops its sending.
 */
@Injectable()
export class AdjustFundsHandler {
  constructor(
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(command: AdjustFundsCommand): Promise<AdjustmentResult> {
    const amountMinor = typeof command.amount === 'string' ? parseMoney(command.amount) : null;
    if (amountMinor === null || amountMinor === 0n) throw new DomainError('INVALID_AMOUNT', 'amount must be a signed decimal string other than 0 with at most 4 decimal places, e.g. "-12.50"');
    const reference = referenceOf(command.reference);
    const { events, state } = await commandAccount(
      this.accounts,
      command.accountId,
      { type: 'AdjustFunds', amountMinor, reason: command.reason, reference, by: command.by, at: this.clock.now() },
      { eventId: (index) => deterministicId(command.accountId, 'adjust', reference, String(index)) },
    );
    const recorded = state.adjustments.get(reference);
    if (!recorded) throw new Error(`Adjustment ${reference} missing from account ${command.accountId} after it was recorded`);
    return { reference, amountMinor: recorded.amountMinor, adjustedAt: recorded.at, created: events.length > 0, account: accountView(state) };
  }
}
