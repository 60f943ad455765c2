import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, StreamNotFoundError, WrongExpectedVersionError } from '@sms/event-store';
import { CLOCK, Clock, deterministicId, DomainError, newId } from '@sms/service-kit';
import { createHash } from 'node:crypto';
import { batchStream, BatchAccepted, DISPATCH_EVENTS } from '../domain/events';
import { decideSendMessages, SendMessagesCommand } from '../domain/send-messages';
import { DispatchStore } from '../infrastructure/dispatch-store';
import { DISPATCH_STORE } from '../infrastructure/tokens';
import { DispatchPipelines } from './dispatch-pipelines';

export interface SendMessagesRequest extends Omit<SendMessagesCommand, 'batchId'> {
  idempotencyKey?: string;
}

export interface SendMessagesResult {
  batchId: string;
  messages: Array<{ messageId: string; phoneNumber: string; segments: number; status: 'ACCEPTED' }>;
  rejected: Array<{ phoneNumber: string; code: string; detail: string }>;
}

@Injectable()
export class SendMessagesHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DISPATCH_STORE) private readonly dispatch: DispatchStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly pipelines: DispatchPipelines,
  ) {}

  /**
   * Accepts a batch as one event on its own stream. With an Idempotency-Key the batch id is derived from it, so a
   * retried request finds the stream already written and gets the original answer — even after a crash.
   */
  async handle(request: SendMessagesRequest): Promise<SendMessagesResult> {
    const { idempotencyKey, ...command } = request;
    const requestHash = createHash('sha256').update(JSON.stringify(command)).digest('hex');
    const batchId = idempotencyKey ? deterministicId('dispatch-batch', command.accountId, idempotencyKey) : newId();
    if (idempotencyKey) {
      const earlier = await this.earlierBatch(batchId, requestHash);
      if (earlier) return earlier;
    }

    const decision = decideSendMessages(
      { ...command, batchId },
      {
        account: this.dispatch.account(command.accountId),
        signature: this.dispatch.signature(command.signatureId),
        template: this.dispatch.template(command.templateId),
        now: this.clock.now(),
        newMessageId: newId,
      },
    );
    if (!decision.ok) throw new DomainError(decision.code, decision.detail);

    try {
      await this.store.appendToStream(
        batchStream(batchId),
        { id: deterministicId(batchId, 'accepted'), type: DISPATCH_EVENTS.batchAccepted, data: decision.event, metadata: { requestHash } },
        { expectedRevision: 'no_stream' },
      );
    } catch (error) {
      // Two concurrent requests with one Idempotency-Key: the loser answers with the winner's batch.
      if (error instanceof WrongExpectedVersionError && idempotencyKey) {
        const earlier = await this.earlierBatch(batchId, requestHash);
        if (earlier) return earlier;
      }
      throw error;
    }
    // Read-your-writes: GET /v1/messages/{id} finds the messages once this returns.
    await this.pipelines.acceptedCaughtUp();
    return toResult(decision.event);
  }

  private async earlierBatch(batchId: string, requestHash: string): Promise<SendMessagesResult | undefined> {
    try {
      const [first] = await this.store.readStream(batchStream(batchId), { maxCount: 1 });
      if ((first.metadata as { requestHash?: string }).requestHash !== requestHash) {
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request body');
      }
      return toResult(first.data as BatchAccepted);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }
}

function toResult(batch: BatchAccepted): SendMessagesResult {
  return {
    batchId: batch.batchId,
    messages: batch.messages.map((m) => ({ messageId: m.messageId, phoneNumber: m.phoneNumber, segments: m.segments, status: 'ACCEPTED' as const })),
    rejected: batch.rejected,
  };
}
