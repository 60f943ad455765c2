import { Inject, Injectable, Logger } from '@nestjs/common';
import { MESSAGES_RETURNED_V1, type MessagesReturnedV1 } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { CLOCK, type Clock, deterministicId } from '@sms/service-kit';
import { accept, applyOnce, type ReadModelDatabase } from '@sms/use-case-kit';
import { causationMetadata } from '../../causation';
import { CHANNEL_ROUTER } from '../../channels/application/tokens';
import type { Batches } from '../application/batches';
import type { MessageReadModel } from '../application/message-read-model';
import { BATCHES, DISPATCH_DATABASE, MESSAGE_READ_MODEL } from '../application/tokens';
import { batchStream } from '../domain/events';
import type { StatusUpdate } from '../domain/message-status';
import { rerouteBatchWorkflow } from '../domain/reroute-batch';
import type { Router } from '../domain/routing';

/**
 * The carrier handed queued messages back unsubmitted (ADR 0018): per batch, the failover workflow routes them again
 * on the batch's cached state — to the best other open channel, else back to the same one — and the new BatchRouted
 * goes to the carrier through the routed outbox like any other. Ids derive from the consumed event, and the batch
 * records which hand-backs it answered, so a redelivery routes nothing twice. The messages stay QUEUED, with their new
 * channel; nothing is billed or released (they were never submitted).
 */
@Injectable()
export class RerouteReturnedHandler {
  private readonly logger = new Logger('RerouteReturnedHandler');
  private readonly workflow: ReturnType<typeof rerouteBatchWorkflow>;

  constructor(
    @Inject(BATCHES) private readonly batches: Batches,
    @Inject(DISPATCH_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(MESSAGE_READ_MODEL) private readonly messages: Pick<MessageReadModel, 'advance'>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CHANNEL_ROUTER) router: Router,
  ) {
    this.workflow = rerouteBatchWorkflow(router);
  }

  async handle(event: IntegrationEvent): Promise<void> {
    const returned = parseMessagesReturned(event.data);
    const routedAt = this.clock.now().toISOString();
    const updates: StatusUpdate[] = [];
    let elsewhere = 0;
    for (const [batchId, list] of byBatch(returned.messages)) {
      const input = { type: 'MessagesReturned' as const, returnedBy: event.id, channelId: returned.channelId, messageIds: list.map((m) => m.messageId), routedAt };
      const result = await this.batches.handle(batchStream(batchId), (state) => accept(...this.workflow.decide(input, state)), {
        eventId: (_index, output) => deterministicId(event.id, 'rerouted', batchId, output.type === 'BatchRouted' ? output.data.channelId : output.type),
        metadata: causationMetadata(event),
      });
      if (!result.ok) throw new Error(`Routing batch ${batchId} again was refused: ${result.rejection.code}`);
      for (const { messageId } of list) {
        const outcome = result.state.routing.get(messageId);
        if (!outcome || !('channelId' in outcome)) continue;
        updates.push({ messageId, status: 'QUEUED', channelId: outcome.channelId });
        if (outcome.channelId !== returned.channelId) elsewhere++;
      }
    }
    await applyOnce(this.db, 'returned', event.id, () => this.messages.advance(updates));
    this.logger.log(`${returned.messages.length} message(s) handed back by ${returned.channelId} (${returned.reason}): ${elsewhere} routed to another channel`);
  }
}

const REASONS = new Set(['CHANNEL_DOWN', 'CHANNEL_PAUSED', 'CHANNEL_DISABLED']);

/** A consumed `sms.messages-returned.v1`, checked at the edge (a malformed one throws: retried, then dead-lettered). */
export function parseMessagesReturned(data: unknown): MessagesReturnedV1 {
  const r = (typeof data === 'object' && data !== null ? data : {}) as Partial<Record<keyof MessagesReturnedV1, unknown>>;
  const text = (value: unknown) => typeof value === 'string' && value.length > 0 && value.length <= 128;
  const messagesOk = Array.isArray(r.messages) && r.messages.length <= 10_000 && r.messages.every((m) => typeof m === 'object' && m !== null && text((m as { messageId?: unknown }).messageId) && text((m as { batchId?: unknown }).batchId));
  const problems = [
    text(r.accountId) ? undefined : 'accountId',
    text(r.channelId) ? undefined : 'channelId',
    typeof r.reason === 'string' && REASONS.has(r.reason) ? undefined : 'reason',
    typeof r.returnedAt === 'string' && !Number.isNaN(Date.parse(r.returnedAt)) ? undefined : 'returnedAt',
    messagesOk ? undefined : 'messages',
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw new Error(`Invalid ${MESSAGES_RETURNED_V1} payload: ${problems.join(', ')}`);
  return r as MessagesReturnedV1;
}

/** The messages by batch, in first-seen order. */
function byBatch(messages: MessagesReturnedV1['messages']): Map<string, MessagesReturnedV1['messages']> {
  const batches = new Map<string, MessagesReturnedV1['messages']>();
  for (const m of messages) batches.set(m.batchId, [...(batches.get(m.batchId) ?? []), m]);
  return batches;
}
