import { InMemoryEventStore } from '@sms/event-store';
import { AddTermHandler } from './add-term/handler';
import { CurrentLexicon } from './application/current-lexicon';
import { createLexiconStream } from './application/lexicon-stream';
import { LexiconFollower } from './follow-lexicon/follower';
import { ListLexiconHandler } from './list-lexicon/handler';
import { RetireTermHandler } from './retire-term/handler';

export const lexiconClock = { now: () => new Date('2026-03-01T08:00:00.000Z') };
/** A term in no built-in category. */
export const NEW_TERM = '蓝鲸跳跳乐';

/** One instance: its handlers, its current lexicon and the follower that feeds it, over `store`. */
async function instance(store: InMemoryEventStore) {
  const current = new CurrentLexicon();
  const follower = new LexiconFollower(store, current);
  await follower.onModuleInit();
  const stream = createLexiconStream(store);
  return {
    current,
    follower,
    add: new AddTermHandler(stream, current, lexiconClock),
    retire: new RetireTermHandler(stream, current, lexiconClock),
    list: new ListLexiconHandler(current),
  };
}

export type LexiconInstance = Awaited<ReturnType<typeof instance>>;

/**
 * Registers the hooks of a spec whose instances share one in-memory store (a fresh one per test): `start()` opens an
 * instance, every instance's follower is stopped and the store closed after each test.
 */
export function lexiconInstances(): { store: () => InMemoryEventStore; start: () => Promise<LexiconInstance> } {
  let store: InMemoryEventStore;
  let running: LexiconInstance[];

  beforeEach(() => {
    store = new InMemoryEventStore();
    running = [];
  });

  afterEach(async () => {
    for (const r of running) await r.follower.onModuleDestroy();
    await store.close();
  });

  return {
    store: () => store,
    start: async () => {
      const r = await instance(store);
      running.push(r);
      return r;
    },
  };
}
