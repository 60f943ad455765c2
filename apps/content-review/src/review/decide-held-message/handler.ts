import { Inject, Injectable } from '@nestjs/common';
import { DataKeyDestroyedError } from '@sms/data-protection';
import { CLOCK, type Clock, deterministicId, DomainError } from '@sms/service-kit';
import { commandMetadata } from '../../event-metadata';
import { violationCategoryOf } from '../../supervision/domain/events';
import { MAX_EVIDENCE } from '../../supervision/domain/violation';
import { RecordViolationHandler } from '../../supervision/record-violation/handler';
import { HELD_MESSAGE_STORE, HELD_MESSAGES } from '../../tokens';
import type { HeldMessages, HeldMessageStore } from '../application/held-messages';
import { decideHeldMessage, type HeldMessage, heldMessageStream } from '../domain/held-message';

export interface DecideHeldMessageInput {
  messageId: string;
  release: boolean;
  reason?: string;
  /** With release false: the block is also a confirmed violation of the message's account (ADR 0036, ADR 0034). */
  recordViolation?: boolean;
  /** Key id of the reviewer. */
  decidedBy: string;
}

/** The violation a reviewer's block records: one per message, whatever retries the request. */
export const reviewerBlockViolationId = (messageId: string): string => deterministicId('reviewer-block', messageId);

export interface HeldMessageDecisionResult {
  messageId: string;
  released: boolean;
  decidedAt: string;
  /** The violation recorded with the block, when the reviewer asked for one. */
  violationId?: string;
}

/**
 * A reviewer releases or blocks a message screening held (DOMAIN §3, ADR 0036): one decision per message, on the
 * message's own stream; the outbox publishes it as MessageReviewDecidedV1 for dispatch and account-billing.
 */
@Injectable()
export class DecideHeldMessageHandler {
  constructor(
    @Inject(HELD_MESSAGES) private readonly streams: HeldMessages,
    @Inject(HELD_MESSAGE_STORE) private readonly held: HeldMessageStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly recordViolation: RecordViolationHandler,
  ) {}

  async handle(input: DecideHeldMessageInput): Promise<HeldMessageDecisionResult> {
    if (input.recordViolation && input.release) throw new DomainError('VALIDATION_FAILED', 'recordViolation needs release: false (only a block is a violation)');
    const held = await this.held.find(input.messageId);
    const result = await this.streams
      .handle(
        heldMessageStream(input.messageId),
        (state) =>
          decideHeldMessage(
            { type: 'DecideHeldMessage', messageId: input.messageId, held, release: input.release, reason: input.reason, decidedBy: input.decidedBy, now: this.clock.now() },
            state,
          ),
        { metadata: commandMetadata() },
      )
      .catch((error: unknown) => {
        // The reason is sealed with the account's key: an erased account's message has nothing left to decide.
        if (error instanceof DataKeyDestroyedError) throw new DomainError('ACCOUNT_ERASED', `the account of message ${input.messageId} was erased`);
        throw error;
      });
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    if (!result.state) throw new DomainError('MESSAGE_NOT_FOUND', `no held message ${input.messageId}`);
    const decision = { messageId: input.messageId, released: result.state.released, decidedAt: result.state.decidedAt };
    // Only a decision made now records a violation: a retry was answered ALREADY_DECIDED above and records nothing.
    if (!input.recordViolation || !held || result.state.released) return decision;
    const violation = await this.recordViolation
      .handle({
        violationId: reviewerBlockViolationId(input.messageId),
        accountId: held.accountId,
        category: violationCategoryOf(held.category),
        origin: 'REVIEWER',
        evidence: blockEvidence(held, input.reason),
        by: input.decidedBy,
      })
      .catch((error: unknown) => {
        if (error instanceof DataKeyDestroyedError) throw new DomainError('ACCOUNT_ERASED', `the account of message ${input.messageId} was erased`);
        throw error;
      });
    return { ...decision, violationId: violation.violationId };
  }
}

/** The violation's evidence: the message id, the held category and terms, the reviewer's reason — never the text. */
export function blockEvidence(held: HeldMessage, reason: string | undefined): string {
  const terms = held.terms.length > 0 ? held.terms.join(', ') : 'none';
  const why = reason?.trim() ? `; reviewer's reason: ${reason.trim()}` : '';
  const evidence = `held message ${held.messageId} blocked by a reviewer; category: ${held.category}; terms: ${terms}${why}`;
  const chars = [...evidence];
  return chars.length <= MAX_EVIDENCE ? evidence : `${chars.slice(0, MAX_EVIDENCE - 1).join('')}…`;
}
