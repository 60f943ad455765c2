import { Inject, Injectable } from '@nestjs/common';
import type { MessageKind } from '@sms/contracts';
import { EVENT_STORE, EventStore, StreamNotFoundError, WrongExpectedVersionError } from '@sms/event-store';
import type { IntegrationEvent } from '@sms/messaging';
import { CLOCK, Clock, deterministicId } from '@sms/service-kit';
import type { TemplateRepository } from '../../review/application/repositories';
import { templateStream } from '../../review/domain/events';
import { TEMPLATE_REPOSITORY } from '../../tokens';
import {
  BatchScreeningEvent,
  BatchScreeningState,
  decideScreenBatch,
  evolveBatchScreening,
  initialBatchScreeningState,
  SCREENING_EVENTS,
  screeningStream,
} from '../domain/batch-screening';
import { AcceptedFindings, acceptedFindings, screenTemplate } from '../domain/screen';
import { parseMessagesAccepted } from './messages-accepted.payload';

const MAX_CACHED_TEMPLATES = 10_000;

/**
 * Screens every rendered message of an accepted batch and records the outcome as one event on the batch's own
 * screening stream. Idempotent twice over: the event id derives from the consumed event id (a redelivery appends
 * an id the stream already holds), and the decider refuses to screen a batch whose stream already records it.
 */
@Injectable()
export class ScreenBatchHandler {
  /** Findings accepted with each approved template, keyed by template id (a template's wording never changes). */
  private readonly acceptedByTemplate = new Map<string, AcceptedFindings>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(TEMPLATE_REPOSITORY) private readonly templates: TemplateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    const batch = parseMessagesAccepted(event.data);
    const stream = screeningStream(batch.batchId);
    const state = await this.screeningState(stream);
    const events = decideScreenBatch(
      {
        batchId: batch.batchId,
        accountId: batch.accountId,
        kind: batch.kind,
        messages: batch.messages,
        accepted: await this.acceptedFor(batch.templateId, batch.accountId),
        now: this.clock.now(),
      },
      state,
    );
    if (events.length === 0) return;

    const metadata = eventMetadata(event);
    try {
      await this.store.appendToStream(
        stream,
        events.map((e, i) => ({ id: deterministicId(event.id, i === 0 ? 'screened' : `screened:${i}`), type: e.type, data: e.data, metadata })),
        { expectedRevision: 'no_stream' },
      );
    } catch (error) {
      // Another delivery of this batch screened it first; its result stands.
      if (error instanceof WrongExpectedVersionError) return;
      throw error;
    }
  }

  private async screeningState(stream: string): Promise<BatchScreeningState> {
    try {
      const recorded = await this.store.readStream(stream);
      return recorded
        .filter((r) => r.type === SCREENING_EVENTS.batchScreened)
        .reduce((s, r) => evolveBatchScreening(s, { type: r.type, data: r.data } as BatchScreeningEvent), initialBatchScreeningState);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return initialBatchScreeningState;
      throw error;
    }
  }

  /** Only an approved template of the same account vouches for what its reviewer saw. */
  private async acceptedFor(templateId: string, accountId: string): Promise<AcceptedFindings | undefined> {
    const { state } = await this.templates.load(templateStream(templateId));
    if (!state || state.status !== 'APPROVED' || state.accountId !== accountId) return undefined;
    let accepted = this.acceptedByTemplate.get(templateId);
    if (!accepted) {
      accepted = acceptedFindings(screenTemplate(state.content, state.kind as MessageKind));
      if (this.acceptedByTemplate.size >= MAX_CACHED_TEMPLATES) this.acceptedByTemplate.clear();
      this.acceptedByTemplate.set(templateId, accepted);
    }
    return accepted;
  }
}

function eventMetadata(event: IntegrationEvent): Record<string, string> {
  const { traceparent, tracestate } = event.extensions ?? {};
  return { causationId: event.id, ...(traceparent ? { traceparent } : {}), ...(tracestate ? { tracestate } : {}) };
}
