import { createHmac, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import type { DataKeyStore } from './data-key-store';
import { KEY_BYTES, type KeyEncryptionKey } from './key-encryption-key';

/** The blind index key's id in the key store: reserved, so no account can take it and no account's destruction touches it. */
export const BLIND_INDEX_KEY_ID = '~blind-index';

/** 22 base64url characters of the HMAC: 132 bits, so two numbers sharing an index is out of reach. */
const INDEX_CHARS = 22;

/**
 * Equality lookups over sealed values (opt-outs, "who last wrote to this number"): a keyed HMAC-SHA256 of the
 * normalised value (E.164 for phone numbers). Without the key nobody can test a guessed number against the index,
 * which a plain hash of a ten-digit number would allow in seconds. The key is a platform secret (one for all
 * accounts, so the same number matches across the tables that need it), stored wrapped beside the data keys.
 *
 * An account's destruction leaves its rows' index values: alone they say only that two rows share a number, but the
 * platform (holding this key) could still confirm a guessed number against them, so erasing an account also clears
 * its index values, not only its data key.
 */
export class BlindIndex {
  private readonly key: KeyObject;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`A blind index key is ${KEY_BYTES} bytes`);
    this.key = createSecretKey(Buffer.from(key));
  }

  /** The platform's blind index, its key created on first use (race-safe like any data key). */
  static open(kek: KeyEncryptionKey, store: DataKeyStore): BlindIndex {
    let wrapped = store.get(BLIND_INDEX_KEY_ID);
    if (wrapped === undefined) wrapped = store.putIfAbsent(BLIND_INDEX_KEY_ID, kek.wrap(randomBytes(KEY_BYTES), BLIND_INDEX_KEY_ID));
    return new BlindIndex(kek.unwrap(wrapped, BLIND_INDEX_KEY_ID));
  }

  /** The index of an already normalised value: 22 base64url characters, 132 bits of the HMAC. */
  of(normalised: string): string {
    return createHmac('sha256', this.key).update(normalised, 'utf8').digest('base64url').slice(0, INDEX_CHARS);
  }
}
