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

    it("keeps one key per owner and epoch, the first put of each, apart from the lifetime key", () => {
      const { store, again } = fixture;
      expect(store.getEpoch('acc-1', 7)).toBeUndefined();
      expect(store.putEpochIfAbsent('acc-1', 7, 'e7')).toBe('e7');
      expect(again().putEpochIfAbsent('acc-1', 7, 'other')).toBe('e7');
      expect(store.putEpochIfAbsent('acc-1', 8, 'e8')).toBe('e8');
      expect(store.putIfAbsent('acc-1', 'life')).toBe('life');
      expect([store.getEpoch('acc-1', 7), store.getEpoch('acc-1', 8), store.get('acc-1')]).toEqual(['e7', 'e8', 'life']);
      expect(store.getEpoch('acc-2', 7)).toBeUndefined();
      expect(store.epochFloor('acc-1')).toBe(0);
    });

    it('destroys the epochs before one, for good: later epochs and the lifetime key stay, the floor never goes down', () => {
      const { store, again } = fixture;
      store.putIfAbsent('acc-1', 'life');
      for (const epoch of [3, 4, 5, 6]) store.putEpochIfAbsent('acc-1', epoch, `e${epoch}`);
      store.putEpochIfAbsent('acc-2', 3, 'theirs');
      store.destroyEpochsBefore('acc-1', 5);
      store.destroyEpochsBefore('acc-1', 5);
      expect([3, 4, 5, 6].map((epoch) => store.getEpoch('acc-1', epoch))).toEqual([undefined, undefined, 'e5', 'e6']);
      expect(store.epochFloor('acc-1')).toBe(5);
      expect(again().epochFloor('acc-1')).toBe(5);
      expect(() => store.putEpochIfAbsent('acc-1', 4, 'again')).toThrow(DataKeyDestroyedError);
      expect(() => again().putEpochIfAbsent('acc-1', 2, 'again')).toThrow(DataKeyDestroyedError);
      expect(store.get('acc-1')).toBe('life');
      expect(store.isDestroyed('acc-1')).toBe(false);
      expect(store.getEpoch('acc-2', 3)).toBe('theirs');
      store.destroyEpochsBefore('acc-1', 2);
      expect(store.epochFloor('acc-1')).toBe(5);
      // An owner that never had an epoch key gets a floor all the same.
      store.destroyEpochsBefore('acc-9', 10);
      expect(() => store.putEpochIfAbsent('acc-9', 9, 'late')).toThrow(DataKeyDestroyedError);
      expect(store.putEpochIfAbsent('acc-9', 10, 'now')).toBe('now');
    });

    it('destroying an owner destroys every epoch too, past and future', () => {
      const { store, again } = fixture;
      store.putIfAbsent('acc-1', 'life');
      store.putEpochIfAbsent('acc-1', 3, 'e3');
      store.destroy('acc-1');
      expect(store.getEpoch('acc-1', 3)).toBeUndefined();
      expect(store.epochFloor('acc-1')).toBe(Number.POSITIVE_INFINITY);
      expect(again().epochFloor('acc-1')).toBe(Number.POSITIVE_INFINITY);
      expect(() => store.putEpochIfAbsent('acc-1', 1_000_000_000, 'later')).toThrow(DataKeyDestroyedError);
      store.destroyEpochsBefore('acc-1', 4);
      expect(store.epochFloor('acc-1')).toBe(Number.POSITIVE_INFINITY);
    });

    it('keeps the first epoch length proposed, for every handle', () => {
      const { store, again } = fixture;
      expect(store.epochLength(2000)).toBe(2000);
      expect(store.epochLength(1000)).toBe(2000);
      expect(again().epochLength(5000)).toBe(2000);
    });
  });
}
