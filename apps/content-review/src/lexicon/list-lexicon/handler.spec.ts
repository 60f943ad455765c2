import { CurrentLexicon } from '../application/current-lexicon';
import { type LexiconEvent } from '../domain/events';
import { evolveLexicon, initialLexiconState } from '../domain/lexicon';
import { ListLexiconHandler } from './handler';

const at = '2026-03-01T08:00:00.000Z';

describe('ListLexiconHandler', () => {
  it('pages through built-in terms then runtime ones, every page naming the version', () => {
    const current = new CurrentLexicon();
    const state = initialLexiconState();
    const builtinCount = state.terms.size;
    const events: LexiconEvent[] = [
      { type: 'TermAdded', data: { termId: 'r1', term: '蓝鲸跳跳乐', category: 'gambling', action: 'BLOCK', addedBy: 'k', at } },
      { type: 'TermAdded', data: { termId: 'r2', term: '绿鲸跳跳乐', category: 'gambling', action: 'REVIEW', addedBy: 'k', at } },
    ];
    for (const e of events) evolveLexicon(state, e);
    current.apply(state);
    const list = new ListLexiconHandler(current);

    const first = list.handle({ limit: 10 });
    expect(first).toMatchObject({ version: 2, total: builtinCount + 2, nextOffset: 10 });
    expect(first.terms).toHaveLength(10);
    expect(first.terms.every((t) => t.source === 'builtin')).toBe(true);

    const last = list.handle({ offset: builtinCount, limit: 10 });
    expect(last.nextOffset).toBeUndefined();
    expect(last.terms.map((t) => [t.termId, t.source])).toEqual([
      ['r1', 'runtime'],
      ['r2', 'runtime'],
    ]);
    expect(list.handle({ offset: builtinCount + 5 })).toMatchObject({ terms: [], total: builtinCount + 2 });
  });

  it('never swaps an older version over a newer one', () => {
    const current = new CurrentLexicon();
    const newer = initialLexiconState();
    evolveLexicon(newer, { type: 'TermRetired', data: { termId: [...newer.terms.keys()][0], retiredBy: 'k', at } });
    evolveLexicon(newer, { type: 'TermRetired', data: { termId: [...newer.terms.keys()][0], retiredBy: 'k', at } });
    current.apply(newer);
    const older = initialLexiconState();
    evolveLexicon(older, { type: 'TermRetired', data: { termId: [...older.terms.keys()][0], retiredBy: 'k', at } });
    current.apply(older);
    expect(current.snapshot().version).toBe(2);
  });
});
