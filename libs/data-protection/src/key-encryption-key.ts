import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { decrypt, encrypt, SealedDataError } from './aes-gcm';

/**
 * The key that wraps (encrypts) every data key. It never encrypts data itself, so replacing it means re-wrapping a
 * few hundred bytes per account, not re-encrypting what the accounts hold.
 */
export interface KeyEncryptionKey {
  /** A fingerprint (not the key): wrapped keys carry it, so a wrong MASTER_KEY is named as such instead of failing as tampering. */
  readonly id: string;
  /** Wraps a data key for `context` (the owning account id), which is authenticated: a wrapped key moved to another account does not unwrap. */
  wrap(dataKey: Buffer, context: string): string;
  unwrap(wrapped: string, context: string): Buffer;
}

/**
 * Where the key-encryption key comes from (port). A KMS adapter asks its KMS once at start-up (decrypt a wrapped
 * KEK, or fetch it from a secret manager) and hands back a local key; every seal afterwards is local and fast.
 */
export interface KeyEncryptionKeyProvider {
  load(): Promise<KeyEncryptionKey>;
}

export const KEY_BYTES = 32;

/** An AES-256-GCM key-encryption key from 32 bytes of key material. */
export function aesKeyEncryptionKey(material: Buffer): KeyEncryptionKey {
  if (material.length !== KEY_BYTES) throw new Error(`A key-encryption key is ${KEY_BYTES} bytes, not ${material.length}`);
  const key: KeyObject = createSecretKey(Buffer.from(material));
  const id = createHmac('sha256', material).update('sms-platform key-encryption-key id').digest('hex').slice(0, 16);
  return {
    id,
    wrap: (dataKey, context) => `${id}.${encrypt(key, dataKey, context).toString('base64url')}`,
    unwrap: (wrapped, context) => {
      const dot = wrapped.indexOf('.');
      const wrappedBy = wrapped.slice(0, dot);
      if (dot < 0 || wrappedBy !== id) {
        throw new WrongKeyEncryptionKeyError(`The data key of ${context} was wrapped by key-encryption key ${wrappedBy || '?'}, but ${id} is loaded: is MASTER_KEY (or the KMS key) the one this data was written with?`);
      }
      return decrypt(key, Buffer.from(wrapped.slice(dot + 1), 'base64url'), context);
    },
  };
}

export class WrongKeyEncryptionKeyError extends SealedDataError {
  constructor(message: string) {
    super(message);
    this.name = 'WrongKeyEncryptionKeyError';
  }
}
