import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { accountHaltCode, type FundsReservedV1 } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { CLOCK, type Clock, deterministicId } from '@sms/service-kit';
import { accept, applyOnce, type ReadModelDatabase } from '@sms/use-case-kit';
import { causationMetadata } from '../../causation';
import { CHANNEL_ROUTER } from '../../channels/application/tokens';
import type { DispatchEvent } from '../../dispatch.codec';
import { DispatchConfig } from '../../dispatch.config';
import type { Batches } from '../application/batches';
import type { MessageReadModel } from '../application/message-read-model';
import { SubmissionBacklog } from '../application/submission-backlog';
import type { SendDirectory } from '../application/send-directory';
import { BATCHES, DISPATCH_DATABASE, MESSAGE_READ_MODEL, SEND_DIRECTORY, SUBMISSION_BACKLOG } from '../application/tokens';
import type { BatchState } from '../domain/batch';
import { batchStream } from '../domain/events';
import type { StatusUpdate } from '../domain/message-status';
import { routeBatchWorkflow } from '../domain/route-batch';
import type { Router } from '../domain/routing';

/**
 * account-billing reserved (or refused) funds for a batch: the routing workflow decides on the batch's cached
 * state and its outputs are appended to the batch stream with ids derived from the consumed event, so a
 * redelivery appends nothing. Then the statuses — QUEUED with the channel, FAILED for no route, REJECTED for a
 * refused reservation — are applied with the inbox claim, from the stream's state (so a redelivery after a crash
 * between the two steps still applies them).
 */
@Injectable()
export class RouteBatchHandler {
  private readonly logger = new Logger('RouteBatchHandler');
  private readonly workflow: ReturnType<typeof routeBatchWorkflow>;

  constructor(
    @Inject(BATCHES) private readonly batches: Batches,
    @Inject(DISPATCH_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(MESSAGE_READ_MODEL) private readonly messages: MessageReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SEND_DIRECTORY) private readonly directory: SendDirectory,
    config: DispatchConfig,
    @Optional() @Inject(SUBMISSION_BACKLOG) private readonly backlog: SubmissionBacklog = SubmissionBacklog.unbounded(),
    // The channel registry (ADR 0018); without one (specs), the routing table of the settings.
    @Optional() @Inject(CHANNEL_ROUTER) router?: Router,
  ) {
    this.workflow = routeBatchWorkflow(router ?? config.routingTable);
  }

  async handle(event: IntegrationEvent<FundsReservedV1>): Promise<void> {
    const funds = event.data;
    // An account halted since it sent (frozen, suspended, terminated) has nothing routed: its reserved messages are withdrawn.
    const account = await this.directory.accountOf(funds.accountId);
    const halted = accountHaltCode(account?.status);
    const input = { type: 'FundsReserved' as const, reserved: funds.reserved, routedAt: this.clock.now().toISOString(), ...(halted ? { halted } : {}) };
    const result = await this.batches.handle(batchStream(funds.batchId), (state) => accept(...this.workflow.decide(input, state)), {
      eventId: (_index, output) => routedEventId(event.id, output),
      metadata: causationMetadata(event),
    });
    if (!result.ok) throw new Error(`Routing batch ${funds.batchId} was refused: ${result.rejection.code}`);
    const updates = statusUpdates(funds, result.state);
    await applyOnce(this.db, 'funds', event.id, () => this.messages.advance(updates));
    // Refused or unroutable messages will never be submitted: they leave the backlog now.
    this.backlog.answered(funds.batchId, updates.filter((u) => u.status !== 'QUEUED').length);
    const unroutable = updates.filter((u) => u.errorCode === 'NO_ROUTE').length;
    if (unroutable > 0) this.logger.warn(`${unroutable} message(s) of batch ${funds.batchId} had no route`);
  }
}

/** Derived from the consumed event: a redelivery decides the same outputs under the same ids, which the store keeps once. */
export function routedEventId(consumedId: string, output: DispatchEvent): string {
  return output.type === 'BatchRouted' ? deterministicId(consumedId, 'routed', output.data.channelId) : deterministicId(consumedId, output.type);
}

const CANCELLED_DETAIL = 'Cancelled before it was routed to an operator; its funds were released';

/** What the reservation means for each message's status, read from where the batch's routing left it. */
export function statusUpdates(funds: Pick<FundsReservedV1, 'reserved' | 'rejected'>, state: BatchState): StatusUpdate[] {
  const updates: StatusUpdate[] = funds.rejected.map((r) => ({ messageId: r.messageId, status: 'REJECTED', errorCode: r.code, errorDetail: r.detail }));
  for (const { messageId, amountMinor } of funds.reserved) {
    const outcome = state.routing.get(messageId);
    if (outcome === undefined) {
      // Withdrawn instead of routed: cancelled meanwhile, or the account halted.
      const code = state.withdrawn.get(messageId);
      if (code !== undefined) updates.push({ messageId, status: 'CANCELLED', errorCode: code, errorDetail: CANCELLED_DETAIL });
      continue;
    }
    // A routed message shows its price: what its reservation holds (the ledger captures per acknowledged segment).
    updates.push(
      'channelId' in outcome
        ? { messageId, status: 'QUEUED', channelId: outcome.channelId, priceMinor: amountMinor }
        : { messageId, status: 'FAILED', errorCode: outcome.code, errorDetail: outcome.detail },
    );
  }
  return updates;
}
