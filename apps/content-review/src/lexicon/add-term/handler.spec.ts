import { DomainError } from '@sms/service-kit';
import { LEXICON_EVENTS, LEXICON_STREAM } from '../domain/events';
import { lexiconInstances, NEW_TERM as TERM } from '../test-support';

describe('AddTermHandler (over an in-memory event store, followed in process)', () => {
  const { store, start } = lexiconInstances();

  it('appends TermAdded to the lexicon stream and answers once this instance screens with the term', async () => {
    const a = await start();
    expect(a.current.snapshot().engine.screen(`今晚${TERM}开始`, 'notification').outcome).toBe('PASS');

    const added = await a.add.handle({ term: TERM, category: 'gambling', action: 'BLOCK', addedBy: 'key-rev' });
    expect(added).toMatchObject({ term: TERM, category: 'gambling', action: 'BLOCK', source: 'runtime', version: 1 });
    const events = await store().readStream(LEXICON_STREAM);
    expect(events.map((e) => [e.type, e.revision, (e.data as { addedBy: string }).addedBy])).toEqual([[LEXICON_EVENTS.termAdded, 0n, 'key-rev']]);

    const snapshot = a.current.snapshot();
    expect(snapshot.version).toBe(1);
    expect(snapshot.engine.screen(`今晚${TERM}开始`, 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'gambling' });
  });

  it('rejects a duplicate with TERM_EXISTS and appends nothing', async () => {
    const a = await start();
    await a.add.handle({ term: TERM, category: 'gambling', action: 'BLOCK', addedBy: 'key-rev' });
    const error = await a.add.handle({ term: TERM, category: 'gambling', action: 'REVIEW', addedBy: 'key-rev' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'TERM_EXISTS', status: 409 });
    expect(await store().readStream(LEXICON_STREAM)).toHaveLength(1);
  });

  it('a second instance on the same store applies the change, and one started later reads it at start-up', async () => {
    const a = await start();
    const b = await start();
    await a.add.handle({ term: TERM, category: 'gambling', action: 'BLOCK', addedBy: 'key-rev' });
    expect(await b.current.waitFor(1, 1_000)).toBe(true);
    expect(b.current.snapshot().engine.screen(TERM, 'notification').outcome).toBe('BLOCK');

    const c = await start();
    expect(c.current.snapshot().version).toBe(1);
    // One page holding the whole lexicon (the built-in one outgrew the default page of 500 in v5).
    expect(c.list.handle({ limit: 10_000 }).terms.at(-1)).toMatchObject({ term: TERM, source: 'runtime' });
  });

  it('decides on fresh state when another instance changed the lexicon first (one ordered stream)', async () => {
    const a = await start();
    const b = await start();
    await a.add.handle({ term: TERM, category: 'gambling', action: 'BLOCK', addedBy: 'key-a' });
    await expect(b.add.handle({ term: TERM, category: 'gambling', action: 'BLOCK', addedBy: 'key-b' })).rejects.toMatchObject({ code: 'TERM_EXISTS' });
    const second = await b.add.handle({ term: '绿鲸跳跳乐', category: 'gambling', action: 'REVIEW', addedBy: 'key-b' });
    expect(second.version).toBe(2);
  });
});
