import { LEXICON_STREAM } from '../domain/events';
import { lexiconInstances, NEW_TERM as TERM } from '../test-support';

describe('RetireTermHandler (over an in-memory event store, followed in process)', () => {
  const { store, start } = lexiconInstances();

  it('retires a term: it stops matching, and a second retirement is TERM_RETIRED, an unknown id TERM_NOT_FOUND', async () => {
    const a = await start();
    const { termId } = await a.add.handle({ term: TERM, category: 'gambling', action: 'BLOCK', addedBy: 'key-rev' });
    expect(await a.retire.handle({ termId, reason: 'too broad', retiredBy: 'key-rev' })).toEqual({ version: 2 });
    expect(a.current.snapshot().engine.screen(`今晚${TERM}开始`, 'notification').outcome).toBe('PASS');
    await expect(a.retire.handle({ termId, retiredBy: 'key-rev' })).rejects.toMatchObject({ code: 'TERM_RETIRED', status: 409 });
    await expect(a.retire.handle({ termId: 'no-such-term', retiredBy: 'key-rev' })).rejects.toMatchObject({ code: 'TERM_NOT_FOUND', status: 404 });
    expect(await store().readStream(LEXICON_STREAM)).toHaveLength(2);
  });

  it('retires a built-in term, which then stops matching', async () => {
    const a = await start();
    const builtin = a.list.handle({ limit: 1 }).terms[0];
    expect(builtin.source).toBe('builtin');
    expect(a.current.snapshot().engine.screen(`x ${builtin.term} x`, 'notification').outcome).toBe(builtin.action);
    await a.retire.handle({ termId: builtin.termId, retiredBy: 'key-rev' });
    const after = a.current.snapshot();
    expect(after.terms.find((t) => t.termId === builtin.termId)).toBeUndefined();
    expect(after.engine.screen(`x ${builtin.term} x`, 'notification').matches.map((m) => m.term)).not.toContain(builtin.term);
  });

});
