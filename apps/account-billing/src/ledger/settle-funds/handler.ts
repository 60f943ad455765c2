import { Inject, Injectable, Logger } from '@nestjs/common';
import type { MessagesSubmittedV1 } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { CLOCK, type Clock, deterministicId } from '@sms/service-kit';
import type { AccountRepository } from '../application/account-repository';
import { causedBy } from '../application/event-metadata';
import { ACCOUNT_REPOSITORY } from '../application/tokens';

export type SettleOutcome = 'settled' | 'nothing-to-do' | 'unknown-account';

/**
 * Captures or releases reservations from operator submit acknowledgements. The carrier adapter coalesces results
 * per account, so one consumed event is one append (FundsCaptured and/or FundsReleased, written together).
 */
@Injectable()
export class SettleFundsHandler {
  private readonly logger = new Logger('SettleFunds');

  constructor(
    @Inject(ACCOUNT_REPOSITORY) private readonly accounts: AccountRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: IntegrationEvent<MessagesSubmittedV1>): Promise<SettleOutcome> {
    const submitted = event.data;
    if (submitted.results.length === 0) return 'nothing-to-do';
    const result = await this.accounts.execute(
      submitted.accountId,
      {
        type: 'SettleFunds',
        batchKey: event.id,
        results: submitted.results.map((r) => ({ messageId: r.messageId, status: r.status, segmentsSubmitted: r.segmentsSubmitted, ...(r.errorCode ? { errorCode: r.errorCode } : {}) })),
        at: this.clock.now(),
      },
      { eventId: (index) => deterministicId(event.id, 'settle-funds', String(index)), metadata: causedBy(event) },
    );
    if (result.ok) return result.events.length > 0 ? 'settled' : 'nothing-to-do';
    if (result.rejection.code === 'ACCOUNT_NOT_FOUND') {
      // Nothing was reserved for an unknown account, so there is nothing to settle.
      this.logger.warn(`Submission results for unknown account ${submitted.accountId} ignored (${submitted.results.length} result(s))`);
      return 'unknown-account';
    }
    throw new Error(`Unexpected rejection settling funds: ${result.rejection.code}`);
  }
}
