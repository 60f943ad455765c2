import { InMemorySnapshotStore } from './snapshot-store';
import { snapshotStoreContract } from './snapshot-store.contract';

snapshotStoreContract('in memory', async () => ({ store: new InMemorySnapshotStore(), close: async () => undefined }));
