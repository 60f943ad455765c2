import { ErasureRegistry } from '@sms/service-kit';
import { InMemoryCarrierState } from '../../test-support';
import { EraseAccountDataHandler } from './handler';

describe("carrier-adapter's part of an erasure", () => {
  it('registers itself, and purges the account a chunk at a time until nothing is left', async () => {
    const state = new InMemoryCarrierState();
    const calls: Array<[string, string | undefined]> = [];
    let left = 250;
    state.purge = async (accountId, before, limit) => {
      calls.push([accountId, before]);
      const deleted = Math.min(left, limit);
      left -= deleted;
      return deleted;
    };
    const registry = new ErasureRegistry();
    new EraseAccountDataHandler(registry, state).onModuleInit();
    await registry.all()[0].erase({ accountId: 'acc-1', before: '2026-11-01T00:00:00.000Z' });
    expect(registry.all().map((p) => p.name)).toEqual(['carrier-adapter']);
    expect(calls).toEqual(Array.from({ length: 4 }, () => ['acc-1', '2026-11-01T00:00:00.000Z']));
    expect(left).toBe(0);
  });
});
