import { InMemoryEventStore } from '@sms/event-store';
import { ErasureRegistry } from '@sms/service-kit';
import { LruStateCache } from '@sms/use-case-kit';
import { dispatchCodec } from '../dispatch.codec';
import type { InboundRepository } from '../inbound/application/inbound-repository';
import { batchCommandHandler } from '../messages/application/batches';
import { batchOf } from '../messages/application/message-read-model.contract';
import { type BatchState, initialBatchState } from '../messages/domain/batch';
import { InMemoryMessageReadModel, InMemoryReadModelDatabase } from '../test-support';
import { DispatchErasure, PURGE_CHUNK } from './erasure';

describe('DispatchErasure', () => {
  async function fixture() {
    const cache = new LruStateCache<BatchState>(100);
    const batches = batchCommandHandler(new InMemoryEventStore(), dispatchCodec, cache);
    const cached = (batchId: string, accountId: string, acceptedAt: string) =>
      cache.set(`batch-${batchId}`, { state: { ...initialBatchState(), accepted: batchOf(batchId, ['m'], { accountId, acceptedAt }) }, revision: 0n });
    cached('old', 'acc-1', '2026-01-01T00:00:00.000Z');
    cached('new', 'acc-1', '2026-03-01T00:00:00.000Z');
    cached('theirs', 'acc-2', '2026-01-01T00:00:00.000Z');
    const messages = new InMemoryMessageReadModel();
    // More messages than one chunk, so the purge takes several units of work.
    const ids = Array.from({ length: PURGE_CHUNK + 3 }, (_, i) => `m-${i}`);
    await messages.insertBatches([batchOf('old', ids, { acceptedAt: '2026-01-01T00:00:00.000Z' }), batchOf('new', ['n-1'], { acceptedAt: '2026-03-01T00:00:00.000Z' })]);
    const purged: Array<[string, string | undefined]> = [];
    const inbound = { purge: async (accountId: string, before: string | undefined) => (purged.push([accountId, before]), 0) } as unknown as InboundRepository;
    const registry = new ErasureRegistry();
    const retired: string[] = [];
    const extensions = { retire: async (accountId: string) => (retired.push(accountId), 1) };
    const erasure = new DispatchErasure(registry, batches, messages, new InMemoryReadModelDatabase(), inbound, new InMemoryReadModelDatabase(), extensions);
    erasure.onModuleInit();
    return { cache, messages, purged, registry, retired };
  }

  it('retention: drops the decoded batches from before the boundary, purges messages in chunks and replies from before it', async () => {
    const f = await fixture();
    const [participant] = f.registry.all();
    await participant.erase({ accountId: 'acc-1', before: '2026-02-01T00:00:00.000Z' });
    expect([f.cache.get('batch-old'), f.cache.get('batch-new'), f.cache.get('batch-theirs')].map(Boolean)).toEqual([false, true, true]);
    expect([...f.messages.records.keys()]).toEqual(['n-1']);
    expect(f.purged).toEqual([['acc-1', '2026-02-01T00:00:00.000Z']]);
    // Retention keeps the account: its extension codes still route its replies.
    expect(f.retired).toEqual([]);
  });

  it('erasure of the account: everything of it, nothing of others; again, harmlessly', async () => {
    const f = await fixture();
    const [participant] = f.registry.all();
    await participant.erase({ accountId: 'acc-1' });
    await participant.erase({ accountId: 'acc-1' });
    expect([f.cache.get('batch-old'), f.cache.get('batch-new'), f.cache.get('batch-theirs')].map(Boolean)).toEqual([false, false, true]);
    expect(f.messages.records.size).toBe(0);
    expect(f.purged).toEqual([['acc-1', undefined], ['acc-1', undefined]]);
    expect(f.retired).toEqual(['acc-1', 'acc-1']);
  });
});
