import { Inject, Injectable } from '@nestjs/common';
import type { MessagesWithdrawnV1 } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { CLOCK, type Clock, deterministicId } from '@sms/service-kit';
import type { AccountCommands } from '../application/command-handlers';
import { causedBy } from '../application/event-metadata';
import { ACCOUNT_COMMANDS } from '../application/tokens';
import type { SettleFunds } from '../domain/account.commands';
import { decide } from '../domain/account.decider';
import { accountStream } from '../domain/account.events';

/**
 * Releases the reservations of messages dispatch will never submit (cancelled, unroutable, or their account halted):
 * every reservation ends captured or released. Settled like a failed submission — a message already settled, or never
 * reserved, changes nothing — with ids derived from the consumed event, so a redelivery appends nothing.
 */
@Injectable()
export class ReleaseWithdrawnHandler {
  constructor(
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: IntegrationEvent<MessagesWithdrawnV1>): Promise<void> {
    const withdrawn = event.data;
    if (withdrawn.messageIds.length === 0) return;
    const command: SettleFunds = {
      type: 'SettleFunds',
      batchKey: event.id,
      results: withdrawn.messageIds.map((messageId) => ({ messageId, status: 'FAILED' as const, segmentsSubmitted: 0, errorCode: withdrawn.code })),
      at: this.clock.now(),
      releaseReason: 'WITHDRAWN',
    };
    const result = await this.accounts.handle(accountStream(withdrawn.accountId), (state) => decide(command, state), {
      eventId: (index) => deterministicId(event.id, 'release-withdrawn', String(index)),
      metadata: causedBy(event),
    });
    // An unknown account reserved nothing, so there is nothing to release.
    if (!result.ok && result.rejection.code !== 'ACCOUNT_NOT_FOUND') throw new Error(`Unexpected rejection releasing withdrawn messages: ${result.rejection.code}`);
  }
}
