import type { Snapshot, SnapshotStore } from './snapshot-store';

/* One behavioural specification of a snapshot store, run by every adapter's spec (in memory, SQLite; MongoDB later). */

export interface SnapshotStoreFixture {
  store: SnapshotStore;
  close(): Promise<void>;
}

const snapshot = (revision: bigint, state: unknown, overrides: Partial<Snapshot> = {}): Snapshot => ({
  revision,
  eventId: `6f1c5b8e-0000-4000-8000-${revision.toString().padStart(12, '0')}`,
  schemaVersion: 1,
  state: JSON.stringify(state),
  ...overrides,
});

export function snapshotStoreContract(name: string, factory: () => Promise<SnapshotStoreFixture>): void {
  describe(`SnapshotStore contract: ${name}`, () => {
    let fixture: SnapshotStoreFixture;
    let store: SnapshotStore;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture?.close();
    });

    it('answers undefined for a stream without a snapshot', async () => {
      expect(await store.get('account-none')).toBeUndefined();
    });

    it('gives back what was saved: revision (beyond 2^53), last event id, schema version and the state text exactly', async () => {
      const saved = snapshot(2n ** 60n + 7n, { balance: '12345678901234567890', name: 'Zhōu 周 "quoted" \\ \u2028', list: [1, 2, 3] }, { schemaVersion: 3 });
      await store.save('account-a', saved);
      expect(await store.get('account-a')).toEqual(saved);
    });

    it('keeps one snapshot per stream and replaces it on save — also by one at a lower revision (a restored stream)', async () => {
      await store.save('account-a', snapshot(20_000n, { n: 2 }));
      await store.save('account-a', snapshot(30_000n, { n: 3 }));
      expect(await store.get('account-a')).toEqual(snapshot(30_000n, { n: 3 }));
      await store.save('account-a', snapshot(9_999n, { n: 1 }, { schemaVersion: 2 }));
      expect(await store.get('account-a')).toEqual(snapshot(9_999n, { n: 1 }, { schemaVersion: 2 }));
    });

    it('keeps streams apart', async () => {
      await store.save('account-a', snapshot(1n, { who: 'a' }));
      await store.save('account-b', snapshot(2n, { who: 'b' }));
      expect(JSON.parse((await store.get('account-a'))?.state ?? 'null')).toEqual({ who: 'a' });
      expect(JSON.parse((await store.get('account-b'))?.state ?? 'null')).toEqual({ who: 'b' });
    });

    it('deletes one stream’s snapshot; deleting what is not there changes nothing', async () => {
      await store.save('account-a', snapshot(1n, {}));
      await store.save('account-b', snapshot(1n, {}));
      await store.delete('account-a');
      await store.delete('account-a');
      await store.delete('account-never');
      expect(await store.get('account-a')).toBeUndefined();
      expect(await store.get('account-b')).toBeDefined();
    });

    it('holds a state of megabytes (an account remembering 50,000 batches)', async () => {
      const big = { batches: Array.from({ length: 50_000 }, (_, i) => `6f1c5b8e-${String(i).padStart(4, '0')}-4000-8000-000000000000`) };
      await store.save('account-big', snapshot(999_999n, big));
      const found = (await store.get('account-big'))?.state ?? '';
      expect(found.length).toBeGreaterThan(1_900_000);
      expect(JSON.parse(found)).toEqual(big);
    });

    it('refuses a snapshot that could not be checked against its stream', async () => {
      await expect(store.save('account-a', snapshot(-1n, {}))).rejects.toThrow(/revision/);
      await expect(store.save('account-a', snapshot(1n, {}, { eventId: '' }))).rejects.toThrow(/id/);
      await expect(store.save('account-a', snapshot(1n, {}, { schemaVersion: 1.5 }))).rejects.toThrow(/schema version/);
      expect(await store.get('account-a')).toBeUndefined();
    });
  });
}
