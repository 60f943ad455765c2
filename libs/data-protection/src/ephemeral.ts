import { randomBytes } from 'node:crypto';
import { BlindIndex } from './blind-index';
import { DataKeyRing, type DataKeyRingOptions } from './data-key-ring';
import { InMemoryDataKeyStore } from './data-key-store';
import { aesKeyEncryptionKey, KEY_BYTES } from './key-encryption-key';

export interface DataProtection {
  ring: DataKeyRing;
  blindIndex: BlindIndex;
  store: InMemoryDataKeyStore;
}

/** A key ring and blind index whose keys live in memory only and die with it: for tests and tools, never for data kept. */
export function ephemeralDataProtection(options: DataKeyRingOptions = {}): DataProtection {
  const kek = aesKeyEncryptionKey(randomBytes(KEY_BYTES));
  const store = new InMemoryDataKeyStore();
  return { ring: new DataKeyRing(kek, store, options), blindIndex: BlindIndex.open(kek, store), store };
}
