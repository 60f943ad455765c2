import type { ScreeningCategory } from '../../screening/domain/lexicon';

/** The one stream every lexicon change is appended to; its event count is the lexicon's version (built-in = 0). */
export const LEXICON_STREAM = 'lexicon';

/**
 * Stored type strings (never change). They share the service prefix, so the outbox reads them and publishes
 * nothing: lexicon changes travel through the event store itself (ADR 0035), not the bus.
 */
export const LEXICON_EVENTS = {
  termAdded: 'content-review.TermAdded.v1',
  termRetired: 'content-review.TermRetired.v1',
} as const;

export type TermAction = 'BLOCK' | 'REVIEW';
export const TERM_ACTIONS: readonly TermAction[] = ['BLOCK', 'REVIEW'];

export interface TermAdded {
  termId: string;
  term: string;
  category: ScreeningCategory;
  action: TermAction;
  /** The reviewer's key id. */
  addedBy: string;
  at: string;
}

export interface TermRetired {
  termId: string;
  reason?: string;
  retiredBy: string;
  at: string;
}

export type LexiconEvent = { type: 'TermAdded'; data: TermAdded } | { type: 'TermRetired'; data: TermRetired };
export const LEXICON_EVENT_TYPES = ['TermAdded', 'TermRetired'] as const;
