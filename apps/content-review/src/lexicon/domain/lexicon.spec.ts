import { DeciderSpecification } from '@sms/use-case-kit/core';
import type { LexiconEntry } from '../../screening/domain/lexicon';
import type { LexiconEvent } from './events';
import { builtinTermId, decideLexicon, evolveLexicon, initialLexiconState, type LexiconState, lexiconEntries } from './lexicon';

const now = new Date('2026-03-01T08:00:00.000Z');
const at = now.toISOString();
const builtin: LexiconEntry[] = [
  { term: '赌博', category: 'gambling', action: 'BLOCK' },
  { term: '贷款', category: 'fraud', action: 'REVIEW' },
];
/** The decider over a two-term built-in lexicon, so the cases do not depend on the shipped terms. */
const spec = DeciderSpecification.for({ decide: decideLexicon, evolve: evolveLexicon, initialState: () => initialLexiconState(builtin) });

const added = (termId: string, term: string, category = 'fraud', action: 'BLOCK' | 'REVIEW' = 'BLOCK'): LexiconEvent => ({
  type: 'TermAdded',
  data: { termId, term, category: category as never, action, addedBy: 'rev-1', at },
});
const add = (termId: string, term: string, category = 'fraud', action = 'BLOCK') => ({ type: 'AddTerm' as const, termId, term, category, action, addedBy: 'rev-1', now });
const retire = (termId: string, reason?: string) => ({ type: 'RetireTerm' as const, termId, reason, retiredBy: 'rev-2', now });

describe('the lexicon decider', () => {
  it('starts at version 0 with the built-in terms, ids derived from category and term', () => {
    const state = initialLexiconState(builtin);
    expect(state.version).toBe(0);
    expect([...state.terms.values()]).toEqual([
      { termId: 'builtin:gambling:赌博', term: '赌博', category: 'gambling', action: 'BLOCK', source: 'builtin' },
      { termId: 'builtin:fraud:贷款', term: '贷款', category: 'fraud', action: 'REVIEW', source: 'builtin' },
    ]);
    expect(builtinTermId(builtin[0])).toBe('builtin:gambling:赌博');
  });

  it('adds a term (trimmed), one version per change', () => {
    const state: LexiconState = spec.given().when(add('t1', '  刷单兼职 ')).then([added('t1', '刷单兼职')]);
    expect(state.version).toBe(1);
    expect(state.terms.get('t1')).toEqual({ termId: 't1', term: '刷单兼职', category: 'fraud', action: 'BLOCK', source: 'runtime' });
    expect(lexiconEntries(state)).toContainEqual({ term: '刷单兼职', category: 'fraud', action: 'BLOCK' });
  });

  it('refuses a term already in the category, built-in or runtime, whatever its width or case', () => {
    spec.given().when(add('t1', '赌博', 'gambling')).thenRejects('TERM_EXISTS', /builtin:gambling:赌博/);
    spec.given([added('t1', 'Casino', 'gambling')]).when(add('t2', 'ＣＡＳＩＮＯ', 'gambling')).thenRejects('TERM_EXISTS');
  });

  it('accepts the same term in another category', () => {
    spec.given().when(add('t1', '赌博', 'fraud', 'REVIEW')).then([added('t1', '赌博', 'fraud', 'REVIEW')]);
  });

  it('refuses an unknown category, an unknown action, and terms that cannot match', () => {
    spec.given().when(add('t1', '刷单', 'SPAM')).thenRejects('VALIDATION_FAILED', /unknown category SPAM/);
    spec.given().when(add('t1', '刷单', 'fraud', 'DROP')).thenRejects('VALIDATION_FAILED', /action/);
    spec.given().when(add('t1', '   ')).thenRejects('VALIDATION_FAILED');
    spec.given().when(add('t1', '—*—')).thenRejects('VALIDATION_FAILED', /letter or a digit/);
    spec.given().when(add('t1', 'x'.repeat(51))).thenRejects('VALIDATION_FAILED');
  });

  it('retires a runtime term and a built-in one; the term no longer screens', () => {
    const state = spec
      .given([added('t1', '刷单兼职')])
      .when(retire('t1', ' false positives '))
      .then([{ type: 'TermRetired', data: { termId: 't1', reason: 'false positives', retiredBy: 'rev-2', at } }]);
    expect(state.version).toBe(2);
    expect(state.terms.has('t1')).toBe(false);
    const builtinRetired = spec.given().when(retire('builtin:fraud:贷款')).then([{ type: 'TermRetired', data: { termId: 'builtin:fraud:贷款', retiredBy: 'rev-2', at } }]);
    expect(lexiconEntries(builtinRetired)).toEqual([{ term: '赌博', category: 'gambling', action: 'BLOCK' }]);
  });

  it('answers 404 for an unknown term and 409 for a retired one', () => {
    spec.given().when(retire('nope')).thenRejects('TERM_NOT_FOUND');
    spec.given([added('t1', '刷单兼职'), { type: 'TermRetired', data: { termId: 't1', retiredBy: 'rev-2', at } }]).when(retire('t1')).thenRejects('TERM_RETIRED');
  });

  it('lets a retired term be added again under a new id', () => {
    spec
      .given([added('t1', '刷单兼职'), { type: 'TermRetired', data: { termId: 't1', retiredBy: 'rev-2', at } }])
      .when(add('t2', '刷单兼职'))
      .then([added('t2', '刷单兼职')]);
  });
});
