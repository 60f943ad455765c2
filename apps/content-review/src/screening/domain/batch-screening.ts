import type { MessageKind } from '@sms/contracts';
import { AcceptedFindings, screen, ScreeningResult, ScreenOptions } from './screen';

/** Stable domain event type of the screening context. */
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
  held: Array<{ messageId: string; category: string; terms: string[] }>;
}

export type BatchScreeningEvent = { type: typeof SCREENING_EVENTS.batchScreened; data: BatchScreened };

export interface ScreenBatch {
  batchId: string;
  accountId: string;
  kind: MessageKind;
  messages: Array<{ messageId: string; text: string; segments: number; countryCode: string; operator: string }>;
  /** What the reviewer accepted when approving the batch's template (REVIEW findings it already contained). */
  accepted?: AcceptedFindings;
  now: Date;
}

export interface BatchScreeningState {
  screened: boolean;
}
export const initialBatchScreeningState: BatchScreeningState = { screened: false };

type ScreenText = (text: string, kind: MessageKind, options?: ScreenOptions) => ScreeningResult;

/** A batch is screened once: a redelivered or re-published acceptance decides nothing new. */
export function decideScreenBatch(command: ScreenBatch, state: BatchScreeningState, screenText: ScreenText = screen): BatchScreeningEvent[] {
  if (state.screened) return [];
  const result: BatchScreened = {
    batchId: command.batchId,
    accountId: command.accountId,
    kind: command.kind,
    screenedAt: command.now.toISOString(),
    cleared: [],
    blocked: [],
    held: [],
  };
  const options: ScreenOptions = { accepted: command.accepted };
  for (const message of command.messages) {
    const screening = screenText(message.text, command.kind, options);
    if (screening.outcome === 'PASS') {
      result.cleared.push({ messageId: message.messageId, segments: message.segments, countryCode: message.countryCode, operator: message.operator });
    } else {
      const finding = { messageId: message.messageId, category: screening.category ?? 'UNSPECIFIED', terms: [...new Set(screening.matches.map((m) => m.term))] };
      (screening.outcome === 'BLOCK' ? result.blocked : result.held).push(finding);
    }
  }
  return [{ type: SCREENING_EVENTS.batchScreened, data: result }];
}

export function evolveBatchScreening(state: BatchScreeningState, event: BatchScreeningEvent): BatchScreeningState {
  return event.type === SCREENING_EVENTS.batchScreened ? { screened: true } : state;
}
