import { WeightedStateCache } from './weighted-state-cache';

const entry = (weight: number) => ({ state: { weight }, revision: 0n });

describe('WeightedStateCache', () => {
  it('evicts the least recently used entries once their weight passes the bound', () => {
    const cache = new WeightedStateCache<{ weight: number }>((s) => s.weight, 10);
    cache.set('a', entry(4));
    cache.set('b', entry(4));
    expect(cache.get('a')).toBeDefined(); // a is now the most recent
    cache.set('c', entry(4));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.weight()).toBe(8);
  });

  it('re-weighs an entry set again (a batch that grew) and keeps the newest even when it alone is over', () => {
    const cache = new WeightedStateCache<{ weight: number }>((s) => s.weight, 10);
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
