import { Inject, Injectable } from '@nestjs/common';
import type { MessageKind, MessagesAcceptedV1 } from '@sms/contracts';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import type { IntegrationEvent } from '@sms/messaging';
import { CLOCK, type Clock, deterministicId } from '@sms/service-kit';
import { CommandHandler, NoStateCache } from '@sms/use-case-kit';
import { accept } from '@sms/use-case-kit/core';
import { screeningCodec } from '../../event-codec';
import { causedBy } from '../../event-metadata';
import type { Templates } from '../../review/application/review-streams';
import { templateStream } from '../../review/domain/events';
import { CurrentLexicon } from '../../lexicon/application/current-lexicon';
import type { HeldMessageStore, HeldMessageWithText } from '../../review/application/held-messages';
import { HELD_MESSAGE_STORE, TEMPLATES } from '../../tokens';
import { type BatchScreeningEvent, type BatchScreeningState, batchScreeningWorkflow, screeningStream } from '../domain/batch-screening';
import { type AcceptedFindings, acceptedFindings, type ScreeningEngine, screenTemplate } from '../domain/screen';
import { parseMessagesAccepted } from './messages-accepted.payload';

const MAX_CACHED_TEMPLATES = 10_000;

export type ScreenOutcome = 'screened' | 'already-screened';

/**
 * Send-time screening of an accepted batch: the screening workflow run through a CommandHandler on the batch's own
 * screening stream, one append per batch. Idempotent twice over: the event id derives from the consumed event id
 * (a redelivery appends an id the stream already holds), and the workflow screens a batch its stream already
 * records as screened no second time (the same batch re-published under a new event id).
 */
@Injectable()
export class ScreenBatchHandler {
  /** Findings accepted with each approved template, keyed by lexicon version and template id (a wording never changes). */
  private readonly acceptedByTemplate = new Map<string, AcceptedFindings>();
  /** A batch's stream is written once and read again only on a redelivery: nothing worth caching. */
  private readonly screenings: CommandHandler<BatchScreeningEvent, BatchScreeningState>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(TEMPLATES) private readonly templates: Templates,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HELD_MESSAGE_STORE) private readonly held: HeldMessageStore,
    /** Defaults to the built-in lexicon for callers outside Nest (tests). */
    private readonly lexicon: CurrentLexicon = new CurrentLexicon(),
  ) {
    this.screenings = new CommandHandler<BatchScreeningEvent, BatchScreeningState>({
      store,
      codec: screeningCodec,
      evolve: batchScreeningWorkflow.evolve,
      initialState: batchScreeningWorkflow.initialState,
      cache: new NoStateCache(),
    });
  }

  async handle(event: IntegrationEvent): Promise<ScreenOutcome> {
    const batch = parseMessagesAccepted(event.data);
    // One lexicon version per batch: the engine is taken once here, a swap during the batch applies to the next one.
    const { engine, version } = this.lexicon.snapshot();
    const accepted = await this.acceptedFor(batch.templateId, batch.accountId, engine, version);
    const now = this.clock.now();
    const result = await this.screenings.handle(
      screeningStream(batch.batchId),
      (state) =>
        accept(
          ...batchScreeningWorkflow.decide(
            { type: 'MessagesAccepted', batchId: batch.batchId, accountId: batch.accountId, kind: batch.kind, messages: batch.messages, accepted, engine, now },
            state,
          ),
        ),
      { eventId: (i) => deterministicId(event.id, i === 0 ? 'screened' : `screened:${i}`), metadata: causedBy(event) },
    );
    // Recorded on every delivery, from what the stream recorded: a crash after the append and before these rows
    // loses nothing, the redelivery fills them in (insert-or-ignore; ADR 0036).
    if (result.ok) await this.held.record(heldMessages(batch, result.state));
    return result.ok && result.events.length > 0 ? 'screened' : 'already-screened';
  }

  /**
   * Only an approved template of the same account vouches for what its reviewer saw. Its wording is screened by the
   * same lexicon version as the batch (templates are screened at submission with the runtime lexicon too), so a
   * REVIEW term the reviewer accepted in the wording is found and waived in its messages; cached per version.
   */
  private async acceptedFor(templateId: string, accountId: string, engine: ScreeningEngine, version: number): Promise<AcceptedFindings | undefined> {
    const { state } = await this.templates.load(templateStream(templateId));
    if (!state || state.status !== 'APPROVED' || state.accountId !== accountId) return undefined;
    const key = `${version}:${templateId}`;
    let accepted = this.acceptedByTemplate.get(key);
    if (!accepted) {
      accepted = acceptedFindings(screenTemplate(state.content, state.kind as MessageKind, engine));
      if (this.acceptedByTemplate.size >= MAX_CACHED_TEMPLATES) this.acceptedByTemplate.clear();
      this.acceptedByTemplate.set(key, accepted);
    }
    return accepted;
  }
}

/**
 * The held messages the screening stream recorded, with their texts from the consumed batch (sealed by the store).
 * Routing facts come from the batch itself, so a screening stored before held entries carried them still has them.
 */
function heldMessages(batch: MessagesAcceptedV1, state: BatchScreeningState): HeldMessageWithText[] {
  if (state.held.length === 0 || !state.screenedAt) return [];
  const messages = new Map(batch.messages.map((m) => [m.messageId, m]));
  return state.held.flatMap((held) => {
    const message = messages.get(held.messageId);
    if (!message) return [];
    return [
      {
        messageId: held.messageId,
        batchId: batch.batchId,
        accountId: batch.accountId,
        kind: batch.kind,
        category: held.category,
        terms: held.terms,
        segments: message.segments,
        countryCode: message.countryCode,
        operator: message.operator,
        heldAt: state.screenedAt as string,
        text: message.text,
      },
    ];
  });
}
