import { DataKeyDestroyedError, type DataKeyStore } from '../data-key-store';

/**
 * What every DataKeyStore adapter must do (in memory in the unit spec, SQLite in the int spec; a shared database
 * adapter for replicated services will run it too). `open` gives a fresh store, or the same one again when given it.
 */
export function dataKeyStoreContract(name: string, open: () => Promise<{ store: DataKeyStore; again: () => DataKeyStore; close: () => void }>): void {
  describe(`DataKeyStore contract: ${name}`, () => {
    let fixture: Awaited<ReturnType<typeof open>>;
    beforeEach(async () => {
      fixture = await open();
    });
    afterEach(() => fixture.close());

    it('keeps the first key put for an owner and answers it to every later put', () => {
      const { store } = fixture;
      expect(store.get('acc-1')).toBeUndefined();
      expect(store.putIfAbsent('acc-1', 'wrapped-1')).toBe('wrapped-1');
      expect(store.putIfAbsent('acc-1', 'wrapped-2')).toBe('wrapped-1');
      expect(store.get('acc-1')).toBe('wrapped-1');
      expect(store.get('acc-2')).toBeUndefined();
    });

    it('agrees with another handle on the same store: the key created first is everyone\'s', () => {
      const { store, again } = fixture;
      const other = again();
      expect(other.putIfAbsent('acc-1', 'theirs')).toBe('theirs');
      expect(store.putIfAbsent('acc-1', 'mine')).toBe('theirs');
      expect(store.get('acc-1')).toBe('theirs');
    });

    it('destroys a key for good: a tombstone, idempotent, and no new key after it', () => {
      const { store, again } = fixture;
      store.putIfAbsent('acc-1', 'wrapped-1');
      expect(store.isDestroyed('acc-1')).toBe(false);
      store.destroy('acc-1');
      store.destroy('acc-1');
      expect(store.get('acc-1')).toBeUndefined();
      expect(store.isDestroyed('acc-1')).toBe(true);
      expect(() => store.putIfAbsent('acc-1', 'wrapped-2')).toThrow(DataKeyDestroyedError);
      expect(again().isDestroyed('acc-1')).toBe(true);
      expect(store.isDestroyed('acc-2')).toBe(false);
    });

    it('destroys an owner that never had a key, so it never gets one', () => {
      const { store } = fixture;
      store.destroy('acc-9');
      expect(store.isDestroyed('acc-9')).toBe(true);
      expect(() => store.putIfAbsent('acc-9', 'wrapped')).toThrow(DataKeyDestroyedError);
    });
  });
}
