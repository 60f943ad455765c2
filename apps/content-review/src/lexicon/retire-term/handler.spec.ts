import { InMemoryEventStore } from '@sms/event-store';
import { CurrentLexicon } from '../application/current-lexicon';
import { createLexiconStream } from '../application/lexicon-stream';
import { LEXICON_STREAM } from '../domain/events';
import { LexiconFollower } from '../follow-lexicon/follower';
import { ListLexiconHandler } from '../list-lexicon/handler';
import { AddTermHandler } from '../add-term/handler';
import { RetireTermHandler } from './handler';

const clock = { now: () => new Date('2026-03-01T08:00:00.000Z') };
const TERM = '蓝鲸跳跳乐'; // in no built-in category

/** One instance: its handlers, its current lexicon and the follower that feeds it, over `store`. */
async function instance(store: InMemoryEventStore) {
  const current = new CurrentLexicon();
  const follower = new LexiconFollower(store, current);
  await follower.onModuleInit();
  const stream = createLexiconStream(store);
  return {
    current,
    follower,
    add: new AddTermHandler(stream, current, clock),
    retire: new RetireTermHandler(stream, current, clock),
    list: new ListLexiconHandler(current),
  };
}

describe('RetireTermHandler (over an in-memory event store, followed in process)', () => {
  let store: InMemoryEventStore;
  let running: Array<Awaited<ReturnType<typeof instance>>>;

  beforeEach(() => {
    store = new InMemoryEventStore();
    running = [];
  });

  afterEach(async () => {
    for (const r of running) await r.follower.onModuleDestroy();
    await store.close();
  });

  const start = async () => {
    const r = await instance(store);
    running.push(r);
    return r;
  };

  it('retires a term: it stops matching, and a second retirement is TERM_RETIRED, an unknown id TERM_NOT_FOUND', async () => {
    const a = await start();
    const { termId } = await a.add.handle({ term: TERM, category: 'gambling', action: 'BLOCK', addedBy: 'key-rev' });
    expect(await a.retire.handle({ termId, reason: 'too broad', retiredBy: 'key-rev' })).toEqual({ version: 2 });
    expect(a.current.snapshot().engine.screen(`今晚${TERM}开始`, 'notification').outcome).toBe('PASS');
    await expect(a.retire.handle({ termId, retiredBy: 'key-rev' })).rejects.toMatchObject({ code: 'TERM_RETIRED', status: 409 });
    await expect(a.retire.handle({ termId: 'no-such-term', retiredBy: 'key-rev' })).rejects.toMatchObject({ code: 'TERM_NOT_FOUND', status: 404 });
    expect(await store.readStream(LEXICON_STREAM)).toHaveLength(2);
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
