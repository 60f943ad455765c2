import { dataKeyStoreContract } from './contract/data-key-store.contract';
import { InMemoryDataKeyStore } from './data-key-store';

dataKeyStoreContract('in memory', async () => {
  const store = new InMemoryDataKeyStore();
  return { store, again: () => store, close: () => undefined };
});
