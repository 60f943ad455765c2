import { Inject, Injectable, Optional } from '@nestjs/common';
import { CLOCK, type Clock, deterministicId, DomainError, newId, newTimeOrderedId } from '@sms/service-kit';
import { createHash } from 'node:crypto';
import type { Batches } from '../application/batches';
import type { PreparedBudget, SendBudgets } from '../application/send-budgets';
import type { SendDirectory } from '../application/send-directory';
import { SubmissionBacklog } from '../application/submission-backlog';
import { BATCHES, SEND_BUDGETS, SEND_DIRECTORY, SUBMISSION_BACKLOG } from '../application/tokens';
import { parsePhoneNumber } from '@sms/sms';
import { OPT_OUT_LOOKUP, type OptOutLookup } from '../application/opt-outs';
import { type QuotaRequest, type QuotaTaken, RECIPIENT_QUOTA, type RecipientQuota } from '../application/recipient-quota';
import { SEND_LIMITS, type SendLimits } from '../application/send-limits';
import { type BatchAccepted, batchStream } from '../domain/events';
import { decideSendMessages, type SendMessagesCommand } from '../domain/send-messages';

export interface SendMessagesRequest extends Omit<SendMessagesCommand, 'batchId' | 'requestHash'> {
  idempotencyKey?: string;
}

export interface SendMessagesResult {
  batchId: string;
  messages: Array<{ messageId: string; phoneNumber: string; segments: number; status: 'ACCEPTED' | 'SCHEDULED' }>;
  rejected: Array<{ phoneNumber: string; code: string; detail: string }>;
}

/**
 * Accepts a batch as one event on its own stream, and answers as soon as that append is durable. With an
 * Idempotency-Key the batch id is derived from it, so a retry — even after a crash, even racing the original —
 * decides on the stream that is already written and gets the original answer; another body under the same key is
 * refused (IDEMPOTENCY_KEY_REUSED). While too many accepted messages wait for an operator, a send first waits
 * (SubmissionBacklog: backpressure, bounded in time). Recipients dispatch's view of the balance no longer covers are
 * refused INSUFFICIENT_BALANCE (SendBudgets, ADR 0027); the reservation stays the authority.
 */
@Injectable()
export class SendMessagesHandler {
  constructor(
    @Inject(BATCHES) private readonly batches: Batches,
    @Inject(SEND_DIRECTORY) private readonly directory: SendDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(SUBMISSION_BACKLOG) private readonly backlog: SubmissionBacklog = SubmissionBacklog.unbounded(),
    @Optional() @Inject(OPT_OUT_LOOKUP) private readonly optOuts?: OptOutLookup,
    @Optional() @Inject(RECIPIENT_QUOTA) private readonly quota?: RecipientQuota,
    @Optional() @Inject(SEND_LIMITS) private readonly limits: SendLimits = {},
    @Optional() @Inject(SEND_BUDGETS) private readonly budgets?: SendBudgets,
  ) {}

  async handle(request: SendMessagesRequest): Promise<SendMessagesResult> {
    this.admitRequest(request.accountId);
    await this.backlog.admit();
    const { idempotencyKey, ...command } = request;
    const requestHash = createHash('sha256').update(JSON.stringify(command)).digest('hex');
    const batchId = idempotencyKey ? deterministicId('dispatch-batch', command.accountId, idempotencyKey) : newId();
    const known = await this.directory.lookup({ accountId: command.accountId, signatureId: command.signatureId, templateId: command.templateId });
    const optedOut = known.template?.kind === 'marketing' ? await this.optedOut(command.accountId, command.phoneNumbers) : undefined;
    const now = this.clock.now();
    // The harassment guard counts before the decision, which refuses the numbers over a limit (DOMAIN §3).
    const counting: QuotaRequest | undefined = known.template && this.quota ? { accountId: command.accountId, signatureId: command.signatureId, batchId, kind: known.template.kind, phoneNumbers: e164Of(command.phoneNumbers), at: now } : undefined;
    const taken = counting && (await this.quota?.take(counting));
    const context = { ...known, optedOut, frequencyLimited: taken?.limited, marketingWindow: this.limits.marketingWindow, now, newMessageId: () => newTimeOrderedId() };
    const budget = known.account && known.template && this.budgets ? await this.budgets.prepare(command.accountId, known.template.kind, known.account.currency, now) : undefined;
    let held = false;
    // The hash lives in the event's data only, sealed with the numbers it was computed from (ADR 0016).
    let result;
    try {
      result = await this.batches.handle(batchStream(batchId), (state) => {
        const decision = decideSendMessages({ ...command, batchId, requestHash }, budget ? { ...context, budget: budget.current() } : context, state);
        held ||= holdAccepted(budget, batchId, decision);
        return decision;
      });
    } finally {
      // Not appended after all (refused, answered by an earlier append, or failed): nothing of this call stays held.
      if (held && !(result?.ok && result.events.length > 0)) budget?.unhold(batchId);
      await this.giveBackUnsent(counting, taken, result?.ok ? result.state.accepted : undefined);
    }
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    if (!result.state.accepted) throw new Error(`Batch ${batchId} has no accepted event after its append`);
    // A retry answered from the stream appended nothing: its messages were counted (or answered) the first time.
    // A scheduled batch counts when it is released: until then it waits for its time, not for an operator.
    if (result.events.length > 0 && result.state.accepted.scheduledAt === undefined) this.backlog.accepted(batchId, result.state.accepted.messages.length);
    return toResult(result.state.accepted);
  }

  /** The account's send requests per second (429 RATE_LIMITED with Retry-After); its keys share them. */
  private admitRequest(accountId: string): void {
    const admitted = this.limits.accountRate?.take(accountId, this.clock.now().getTime());
    if (admitted && !admitted.allowed) {
      const rate = this.limits.accountRate?.limitPerSecond;
      throw new DomainError('RATE_LIMITED', `This account may make ${rate} send requests a second.`, { retryAfter: admitted.retryAfterSeconds });
    }
  }

  /**
   * What this request counted for numbers its batch does not send is given back: all of it when the request was
   * refused as a whole, or for recipients refused on their own (opted out, invalid…). A retry counts nothing (the
   * quota knows the batch), and the sends of a batch accepted by a racing duplicate stay counted.
   */
  private async giveBackUnsent(counting: QuotaRequest | undefined, taken: QuotaTaken | undefined, batch: BatchAccepted | undefined): Promise<void> {
    if (!counting || !taken || taken.taken.length === 0) return;
    const sent = new Set(batch?.messages.map((m) => m.phoneNumber));
    const unsent = taken.taken.filter((number) => !sent.has(number));
    if (unsent.length > 0) await this.quota?.giveBack({ ...counting, phoneNumbers: unsent });
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

/**
 * Holds the estimate of a batch that goes out now in the same turn as its decision, so a send of the account deciding
 * next already counts it (a scheduled batch is estimated when it is released, by the reservation alone).
 */
function holdAccepted(budget: PreparedBudget | undefined, batchId: string, decision: ReturnType<typeof decideSendMessages>): boolean {
  if (!budget || !decision.ok) return false;
  const accepted = decision.events.find((e) => e.type === 'BatchAccepted');
  if (!accepted || accepted.type !== 'BatchAccepted' || accepted.data.scheduledAt !== undefined) return false;
  budget.hold(batchId, accepted.data.messages);
  return true;
}

/** The numbers of a request as the decider will read them (E.164), the ones that do not parse left out. */
function e164Of(phoneNumbers: string[]): string[] {
  return [
    ...new Set(
      phoneNumbers.flatMap((input) => {
        const parsed = parsePhoneNumber(input);
        return parsed.ok ? [parsed.e164] : [];
      }),
    ),
  ];
}

function toResult(batch: BatchAccepted): SendMessagesResult {
  const status = batch.scheduledAt === undefined ? ('ACCEPTED' as const) : ('SCHEDULED' as const);
  return {
    batchId: batch.batchId,
    messages: batch.messages.map((m) => ({ messageId: m.messageId, phoneNumber: m.phoneNumber, segments: m.segments, status })),
    rejected: batch.rejected,
  };
}
