import { Inject, Injectable } from '@nestjs/common';
import { parseMoney } from '@sms/contracts';
import { CLOCK, type Clock, DomainError } from '@sms/service-kit';
import type { AccountCommands } from '../application/command-handlers';
import { decidedIds } from '../application/event-metadata';
import { ACCOUNT_COMMANDS } from '../application/tokens';
import { decide } from '../domain/account.decider';
import { accountStream } from '../domain/account.events';
import type { DepositFundsCommand } from './command';

export interface DepositResult {
  reference: string;
  amountMinor: bigint;
  /** Balance right after this deposit (the same on a repeated request). */
  balanceMinor: bigint;
  depositedAt: string;
  /** False when the reference had already been deposited and nothing changed. */
  created: boolean;
}

export const MAX_REFERENCE_LENGTH = 128;

@Injectable()
export class DepositFundsHandler {
  constructor(
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(command: DepositFundsCommand): Promise<DepositResult> {
    const amountMinor = typeof command.amount === 'string' ? parseMoney(command.amount) : null;
    if (amountMinor === null || amountMinor <= 0n) {
      throw new DomainError('INVALID_AMOUNT', 'amount must be a decimal string greater than 0 with at most 4 decimal places, e.g. "100.00"');
    }
    const reference = referenceOf(command.reference);
    const at = this.clock.now();
    const result = await this.accounts.handle(accountStream(command.accountId), (state) => decide({ type: 'DepositFunds', amountMinor, reference, at }, state), {
      // Two identical requests racing in two processes append the same id: the store keeps one.
      eventId: decidedIds(command.accountId, 'deposit', reference),
    });
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    const deposit = result.state.deposits.get(reference);
    if (!deposit) throw new Error(`Deposit ${reference} missing from account ${command.accountId} after it was recorded`);
    return { reference, amountMinor: deposit.amountMinor, balanceMinor: deposit.balanceAfterMinor, depositedAt: deposit.depositedAt, created: result.events.length > 0 };
  }
}

/** A payer's or staff's reference (deposits, adjustments, credits): trimmed, 1–MAX_REFERENCE_LENGTH characters. */
export function referenceOf(value: string | undefined): string {
  const reference = value?.trim();
  if (!reference || reference.length > MAX_REFERENCE_LENGTH) throw new DomainError('VALIDATION_FAILED', `reference must be 1–${MAX_REFERENCE_LENGTH} characters`);
  return reference;
}
