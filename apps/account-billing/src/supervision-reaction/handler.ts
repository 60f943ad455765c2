import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IntegrationEvent } from '@sms/messaging';
import { CLOCK, type Clock, DomainError, deterministicId } from '@sms/service-kit';
import { type AccountCommands, commandAccount } from '../ledger/application/command-handlers';
import { ACCOUNT_COMMANDS } from '../ledger/application/tokens';
import { reactToViolation, type ViolationNotice } from './reaction';

/** The refusals that mean "nothing left to do": the account is gone, terminated, or no longer suspended. */
const SETTLED = new Set(['ACCOUNT_NOT_FOUND', 'ACCOUNT_TERMINATED', 'ACCOUNT_NOT_SUSPENDED', 'ACCOUNT_ERASED']);

/**
 * Applies the reaction to a violation notice to the account's stream. Event ids derive from the consumed event, so
 * a redelivered notice appends ids the stream already holds — it suspends, lifts or terminates once.
 */
@Injectable()
export class SupervisionReactionHandler {
  private readonly logger = new Logger('SupervisionReaction');

  constructor(
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: IntegrationEvent, notice: ViolationNotice): Promise<void> {
    const command = reactToViolation(notice, this.clock.now());
    try {
      const { events } = await commandAccount(this.accounts, notice.data.accountId, command, { eventId: (index) => deterministicId(event.id, 'violation-reaction', String(index)) });
      if (events.length > 0) this.logger.warn(`account ${notice.data.accountId}: ${command.type} for violation ${notice.data.violationId}`);
    } catch (error) {
      if (!(error instanceof DomainError) || !SETTLED.has(error.code)) throw error;
    }
  }
}
