import { Inject, Injectable, Logger } from '@nestjs/common';
import type { MessagesSubmittedV1 } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { CLOCK, type Clock, deterministicId } from '@sms/service-kit';
import type { AccountCommands } from '../application/command-handlers';
import { causedBy } from '../application/event-metadata';
import { ACCOUNT_COMMANDS } from '../application/tokens';
import type { SettleFunds } from '../domain/account.commands';
import { decide } from '../domain/account.decider';
import { accountStream } from '../domain/account.events';

export type SettleOutcome = 'settled' | 'nothing-to-do' | 'unknown-account';

/**
 * Captures or releases reservations from operator submit acknowledgements. The carrier adapter coalesces results
 * per account, so one consumed event is one append (FundsCaptured and/or FundsReleased, written together), with
 * ids derived from the consumed event so a redelivery appends nothing.
 */
@Injectable()
export class SettleFundsHandler {
  private readonly logger = new Logger('SettleFunds');

  constructor(
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: IntegrationEvent<MessagesSubmittedV1>): Promise<SettleOutcome> {
    const submitted = event.data;
    if (submitted.results.length === 0) return 'nothing-to-do';
    const command: SettleFunds = {
      type: 'SettleFunds',
      batchKey: event.id,
      results: submitted.results.map((r) => ({
        messageId: r.messageId,
        status: r.status,
        segmentsSubmitted: r.segmentsSubmitted,
        // Picks the price in force when the operator took it (terms §2.3).
        ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}),
        ...(r.errorCode ? { errorCode: r.errorCode } : {}),
      })),
      at: this.clock.now(),
    };
    const result = await this.accounts.handle(accountStream(submitted.accountId), (state) => decide(command, state), {
      eventId: (index) => deterministicId(event.id, 'settle-funds', String(index)),
      metadata: causedBy(event),
    });
    if (result.ok) return result.events.length > 0 ? 'settled' : 'nothing-to-do';
    if (result.rejection.code === 'ACCOUNT_NOT_FOUND') {
      // Nothing was reserved for an unknown account, so there is nothing to settle.
      this.logger.warn(`Submission results for unknown account ${submitted.accountId} ignored (${submitted.results.length} result(s))`);
      return 'unknown-account';
    }
    throw new Error(`Unexpected rejection settling funds: ${result.rejection.code}`);
  }
}
