import { LruStateCache } from './state-cache';

describe('LruStateCache', () => {
  it('evicts the least recently used entry beyond its bound', () => {
    const cache = new LruStateCache<number>(2);
    cache.set('a', { state: 1, revision: 0n });
    cache.set('b', { state: 2, revision: 0n });
    cache.get('a'); // a is now the most recent
    cache.set('c', { state: 3, revision: 0n });
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.state).toBe(1);
    expect(cache.get('c')?.state).toBe(3);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
    cache.clear();
    expect(cache.get('c')).toBeUndefined();
  });

  const entry = (weight: number) => ({ state: { weight }, revision: 0n });

  it('bounded by weight, evicts the least recently used entries once their weight passes the bound', () => {
    const cache = new LruStateCache<{ weight: number }>(10, (s) => s.weight);
    cache.set('a', entry(4));
    cache.set('b', entry(4));
    expect(cache.get('a')).toBeDefined(); // a is now the most recent
    cache.set('c', entry(4));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.weight()).toBe(8);
  });

  it('drops the entries whose state matches, and their weight', () => {
    const cache = new LruStateCache<{ weight: number; account?: string }>(100, (s) => s.weight);
    cache.set('a', { state: { weight: 3, account: 'acc-1' }, revision: 0n });
    cache.set('b', { state: { weight: 4, account: 'acc-2' }, revision: 0n });
    cache.set('c', { state: { weight: 5, account: 'acc-1' }, revision: 0n });
    cache.deleteWhere((state, stream) => state.account === 'acc-1' && stream !== 'x');
    expect([cache.get('a'), cache.get('c')]).toEqual([undefined, undefined]);
    expect(cache.get('b')).toBeDefined();
    expect(cache.weight()).toBe(4);
  });

  it('re-weighs an entry set again (a batch that grew) and keeps the newest even when it alone is over', () => {
    const cache = new LruStateCache<{ weight: number }>(10, (s) => s.weight);
    cache.set('a', entry(2));
    cache.set('a', entry(5));
    expect(cache.weight()).toBe(5);
    cache.set('huge', entry(50));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('huge')).toBeDefined();
    cache.delete('huge');
    cache.set('x', entry(1));
    cache.clear();
    expect(cache.weight()).toBe(0);
    expect(cache.get('x')).toBeUndefined();
  });
});
