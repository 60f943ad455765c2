import type { MessageKind } from '@sms/contracts';
import type { Workflow } from '@sms/use-case-kit/core';
import { AcceptedFindings, screen, type ScreeningEngine, ScreenOptions } from './screen';

/** Stored type string of the screening context's domain event (what the event store keeps; never changes). */
export const SCREENING_EVENTS = {
  batchScreened: 'content-review.BatchScreened.v1',
} as const;

export const screeningStream = (batchId: string): string => `screening-${batchId}`;

/**
 * The send-time screening of one accepted batch: every message lands in exactly one list. The texts themselves are
 * not kept (they hold personal data); blocked and held messages keep the lexicon terms found, as evidence.
 */
export interface BatchScreened {
  batchId: string;
  accountId: string;
  kind: MessageKind;
  screenedAt: string;
  cleared: Array<{ messageId: string; segments: number; countryCode: string; operator: string }>;
  blocked: Array<{ messageId: string; category: string; terms: string[] }>;
  /**
   * Held for a reviewer (ADR 0036). segments, countryCode and operator were added later (what a release is priced
   * by): events stored before lack them.
   */
  held: HeldFinding[];
}

export interface HeldFinding {
  messageId: string;
  category: string;
  terms: string[];
  segments?: number;
  countryCode?: string;
  operator?: string;
}

export type BatchScreeningEvent = { type: 'BatchScreened'; data: BatchScreened };

/** The workflow's input: dispatch's accepted batch, with what the reviewer of its template accepted. */
export interface MessagesAccepted {
  type: 'MessagesAccepted';
  batchId: string;
  accountId: string;
  kind: MessageKind;
  messages: Array<{ messageId: string; text: string; segments: number; countryCode: string; operator: string }>;
  /** What the reviewer accepted when approving the batch's template (REVIEW findings it already contained). */
  accepted?: AcceptedFindings;
  /** The engine of the lexicon version current when the batch was taken (ADR 0035); the bundled one when absent. */
  engine?: ScreeningEngine;
  now: Date;
}

export interface BatchScreeningState {
  screened: boolean;
  /** What the recorded screening held, and when (so a redelivery can record the held messages a crash lost). */
  screenedAt?: string;
  held: HeldFinding[];
}

/**
 * Send-time screening as a workflow over the batch's screening stream: an accepted batch yields one BatchScreened,
 * and a batch is screened once — a redelivered or re-published acceptance decides nothing new.
 */
export const batchScreeningWorkflow: Workflow<MessagesAccepted, BatchScreeningEvent, BatchScreeningState> = {
  initialState: () => ({ screened: false, held: [] }),
  evolve: (state, event) => (event.type === 'BatchScreened' ? { screened: true, screenedAt: event.data.screenedAt, held: event.data.held ?? [] } : state),
  decide: (input, state) => (state.screened ? [] : [{ type: 'BatchScreened', data: screenBatch(input) }]),
};

/** One pass of the screening engine per message; nothing is read or written per message. */
function screenBatch(input: MessagesAccepted): BatchScreened {
  const result: BatchScreened = {
    batchId: input.batchId,
    accountId: input.accountId,
    kind: input.kind,
    screenedAt: input.now.toISOString(),
    cleared: [],
    blocked: [],
    held: [],
  };
  const options: ScreenOptions = { accepted: input.accepted };
  for (const message of input.messages) {
    const screening = input.engine ? input.engine.screen(message.text, input.kind, options) : screen(message.text, input.kind, options);
    if (screening.outcome === 'PASS') {
      result.cleared.push({ messageId: message.messageId, segments: message.segments, countryCode: message.countryCode, operator: message.operator });
    } else {
      const finding = { messageId: message.messageId, category: screening.category ?? 'UNSPECIFIED', terms: [...new Set(screening.matches.map((m) => m.term))] };
      if (screening.outcome === 'BLOCK') result.blocked.push(finding);
      else result.held.push({ ...finding, segments: message.segments, countryCode: message.countryCode, operator: message.operator });
    }
  }
  return result;
}
