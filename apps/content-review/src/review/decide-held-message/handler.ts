import { Inject, Injectable } from '@nestjs/common';
import { DataKeyDestroyedError } from '@sms/data-protection';
import { CLOCK, type Clock, DomainError } from '@sms/service-kit';
import { commandMetadata } from '../../event-metadata';
import { HELD_MESSAGE_STORE, HELD_MESSAGES } from '../../tokens';
import type { HeldMessages, HeldMessageStore } from '../application/held-messages';
import { decideHeldMessage, heldMessageStream } from '../domain/held-message';

export interface DecideHeldMessageInput {
  messageId: string;
  release: boolean;
  reason?: string;
  /** Key id of the reviewer. */
  decidedBy: string;
}

export interface HeldMessageDecisionResult {
  messageId: string;
  released: boolean;
  decidedAt: string;
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
  ) {}

  async handle(input: DecideHeldMessageInput): Promise<HeldMessageDecisionResult> {
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
    return { messageId: input.messageId, released: result.state.released, decidedAt: result.state.decidedAt };
  }
}
