import { accept, type Decider, type Decision, reject } from '@sms/use-case-kit/core';
import { LEXICON, type LexiconEntry, SCREENING_CATEGORIES, type ScreeningCategory } from '../../screening/domain/lexicon';
import type { LexiconEvent, TermAction } from './events';

export type LexiconSource = 'builtin' | 'runtime';

export interface LexiconTerm {
  termId: string;
  term: string;
  category: ScreeningCategory;
  action: TermAction;
  source: LexiconSource;
}

/**
 * The lexicon as of `version`: the built-in terms (version 0) with every change of the `lexicon` stream applied.
 * `terms` keeps insertion order (built-in first, then runtime terms as added); retired terms are removed.
 */
export interface LexiconState {
  version: number;
  terms: Map<string, LexiconTerm>;
  /** Ids ever retired, so retiring one twice is a conflict rather than "not found". */
  retired: Set<string>;
}

export interface AddTerm {
  type: 'AddTerm';
  termId: string;
  term: string;
  category: string;
  action: string;
  addedBy: string;
  now: Date;
}

export interface RetireTerm {
  type: 'RetireTerm';
  termId: string;
  reason?: string;
  retiredBy: string;
  now: Date;
}

export type LexiconCommand = AddTerm | RetireTerm;
export type LexiconRejectionCode = 'VALIDATION_FAILED' | 'TERM_EXISTS' | 'TERM_NOT_FOUND' | 'TERM_RETIRED';

export const MAX_TERM_LENGTH = 50;
export const MAX_RETIRE_REASON = 500;
export const LEXICON_CATEGORIES: readonly ScreeningCategory[] = SCREENING_CATEGORIES;

/** A built-in term's id: stable across releases as long as the term and its category stay (no counter to shift). */
export function builtinTermId(entry: Pick<LexiconEntry, 'term' | 'category'>): string {
  return `builtin:${entry.category}:${entry.term}`;
}

/** Two spellings count as the same term when they differ only by width or case (the engine folds both anyway). */
export const termKey = (term: string, category: string): string => `${category}\u0000${term.normalize('NFKC').toLowerCase()}`;

export function initialLexiconState(builtin: readonly LexiconEntry[] = LEXICON): LexiconState {
  const terms = new Map<string, LexiconTerm>();
  for (const entry of builtin) {
    const termId = builtinTermId(entry);
    terms.set(termId, { termId, term: entry.term, category: entry.category, action: entry.action, source: 'builtin' });
  }
  return { version: 0, terms, retired: new Set() };
}

export function decideLexicon(command: LexiconCommand, state: LexiconState): Decision<LexiconEvent, LexiconRejectionCode> {
  return command.type === 'AddTerm' ? add(command, state) : retire(command, state);
}

function add(command: AddTerm, state: LexiconState): Decision<LexiconEvent, LexiconRejectionCode> {
  const term = command.term.trim();
  if (!term || term.length > MAX_TERM_LENGTH) return reject('VALIDATION_FAILED', `term must be 1–${MAX_TERM_LENGTH} characters`);
  // Separators and symbols are removed before matching, so a term needs a letter or digit to match anything.
  if (!/[\p{L}\p{N}]/u.test(term)) return reject('VALIDATION_FAILED', 'term must contain a letter or a digit');
  if (!LEXICON_CATEGORIES.includes(command.category as ScreeningCategory)) return reject('VALIDATION_FAILED', `unknown category ${command.category}`);
  if (command.action !== 'BLOCK' && command.action !== 'REVIEW') return reject('VALIDATION_FAILED', 'action must be BLOCK or REVIEW');
  const key = termKey(term, command.category);
  for (const existing of state.terms.values()) {
    if (termKey(existing.term, existing.category) === key) return reject('TERM_EXISTS', `"${term}" is already in ${command.category} as ${existing.termId}`);
  }
  return accept<LexiconEvent>({
    type: 'TermAdded',
    data: {
      termId: command.termId,
      term,
      category: command.category as ScreeningCategory,
      action: command.action,
      addedBy: command.addedBy,
      at: command.now.toISOString(),
    },
  });
}

function retire(command: RetireTerm, state: LexiconState): Decision<LexiconEvent, LexiconRejectionCode> {
  if (state.retired.has(command.termId)) return reject('TERM_RETIRED', `term ${command.termId} was already retired`);
  if (!state.terms.has(command.termId)) return reject('TERM_NOT_FOUND', `term ${command.termId} does not exist`);
  const reason = command.reason?.trim();
  if (reason && reason.length > MAX_RETIRE_REASON) return reject('VALIDATION_FAILED', `reason must be at most ${MAX_RETIRE_REASON} characters`);
  return accept<LexiconEvent>({
    type: 'TermRetired',
    data: { termId: command.termId, ...(reason ? { reason } : {}), retiredBy: command.retiredBy, at: command.now.toISOString() },
  });
}

/** Updates `state` in place (the kit evolves only after a successful append); every event is one version. */
export function evolveLexicon(state: LexiconState, event: LexiconEvent): LexiconState {
  state.version += 1;
  if (event.type === 'TermAdded') {
    const { termId, term, category, action } = event.data;
    state.terms.set(termId, { termId, term, category, action, source: 'runtime' });
  } else {
    state.terms.delete(event.data.termId);
    state.retired.add(event.data.termId);
  }
  return state;
}

export const lexiconDecider: Decider<LexiconCommand, LexiconEvent, LexiconState, LexiconRejectionCode> = {
  decide: decideLexicon,
  evolve: evolveLexicon,
  initialState: () => initialLexiconState(),
};

/** What the screening engine is built from. */
export function lexiconEntries(state: LexiconState): LexiconEntry[] {
  return [...state.terms.values()].map((t) => ({ term: t.term, category: t.category, action: t.action }));
}
