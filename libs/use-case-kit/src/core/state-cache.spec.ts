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
});
