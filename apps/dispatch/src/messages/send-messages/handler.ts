import { Inject, Injectable, Optional } from '@nestjs/common';
import { CLOCK, type Clock, deterministicId, DomainError, newId, newTimeOrderedId } from '@sms/service-kit';
import { createHash } from 'node:crypto';
import type { Batches } from '../application/batches';
import type { SendDirectory } from '../application/send-directory';
import { SubmissionBacklog } from '../application/submission-backlog';
import { BATCHES, SEND_DIRECTORY, SUBMISSION_BACKLOG } from '../application/tokens';
import { parsePhoneNumber } from '@sms/sms';
import { OPT_OUT_LOOKUP, type OptOutLookup } from '../application/opt-outs';
import { type BatchAccepted, batchStream } from '../domain/events';
import { decideSendMessages, type SendMessagesCommand } from '../domain/send-messages';

export interface SendMessagesRequest extends Omit<SendMessagesCommand, 'batchId' | 'requestHash'> {
  idempotencyKey?: string;
}

export interface SendMessagesResult {
  batchId: string;
  messages: Array<{ messageId: string; phoneNumber: string; segments: number; status: 'ACCEPTED' }>;
  rejected: Array<{ phoneNumber: string; code: string; detail: string }>;
}

/**
 * Accepts a batch as one event on its own stream, and answers as soon as that append is durable. With an
 * Idempotency-Key the batch id is derived from it, so a retry — even after a crash, even racing the original —
 * decides on the stream that is already written and gets the original answer; another body under the same key is
 * refused (IDEMPOTENCY_KEY_REUSED). While too many accepted messages wait for an operator, a send first waits
 * (SubmissionBacklog: backpressure, bounded in time).
 */
@Injectable()
export class SendMessagesHandler {
  constructor(
    @Inject(BATCHES) private readonly batches: Batches,
    @Inject(SEND_DIRECTORY) private readonly directory: SendDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(SUBMISSION_BACKLOG) private readonly backlog: SubmissionBacklog = SubmissionBacklog.unbounded(),
    @Optional() @Inject(OPT_OUT_LOOKUP) private readonly optOuts?: OptOutLookup,
  ) {}

  async handle(request: SendMessagesRequest): Promise<SendMessagesResult> {
    await this.backlog.admit();
    const { idempotencyKey, ...command } = request;
    const requestHash = createHash('sha256').update(JSON.stringify(command)).digest('hex');
    const batchId = idempotencyKey ? deterministicId('dispatch-batch', command.accountId, idempotencyKey) : newId();
    const known = await this.directory.lookup({ accountId: command.accountId, signatureId: command.signatureId, templateId: command.templateId });
    const optedOut = known.template?.kind === 'marketing' ? await this.optedOut(command.accountId, command.phoneNumbers) : undefined;
    const context = { ...known, optedOut, now: this.clock.now(), newMessageId: () => newTimeOrderedId() };
    // The hash lives in the event's data only, sealed with the numbers it was computed from (ADR 0016).
    const result = await this.batches.handle(batchStream(batchId), (state) => decideSendMessages({ ...command, batchId, requestHash }, context, state));
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    if (!result.state.accepted) throw new Error(`Batch ${batchId} has no accepted event after its append`);
    // A retry answered from the stream appended nothing: its messages were counted (or answered) the first time.
    if (result.events.length > 0) this.backlog.accepted(batchId, result.state.accepted.messages.length);
    return toResult(result.state.accepted);
  }

  /** The recipients of a marketing send who opted out: parsed as the decider will, looked up at once. */
  private async optedOut(accountId: string, phoneNumbers: string[]): Promise<ReadonlySet<string> | undefined> {
    if (!this.optOuts) return undefined;
    const numbers = phoneNumbers.flatMap((input) => {
      const parsed = parsePhoneNumber(input);
      return parsed.ok ? [parsed.e164] : [];
    });
    return this.optOuts.optedOutAmong(accountId, numbers);
  }
}

function toResult(batch: BatchAccepted): SendMessagesResult {
  return {
    batchId: batch.batchId,
    messages: batch.messages.map((m) => ({ messageId: m.messageId, phoneNumber: m.phoneNumber, segments: m.segments, status: 'ACCEPTED' as const })),
    rejected: batch.rejected,
  };
}
