import { createCipheriv, createDecipheriv, type KeyObject, randomBytes } from 'node:crypto';

/** AES-256-GCM with a 96-bit random IV and a 128-bit tag, packed as iv | tag | ciphertext. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function encrypt(key: KeyObject | Buffer, plaintext: Buffer | string, aad: string): Buffer {
  // A fresh random IV per message: with 2^32 messages per key the chance of a repeat stays below 2^-32 (NIST SP 800-38D §8.3).
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = typeof plaintext === 'string' ? cipher.update(plaintext, 'utf8') : cipher.update(plaintext);
  const last = cipher.final();
  return Buffer.concat([iv, cipher.getAuthTag(), body, last]);
}

/** Throws when the tag does not verify: tampered bytes, another key, or another AAD (another account). */
export function decrypt(key: KeyObject | Buffer, packed: Buffer, aad: string): Buffer {
  if (packed.length < IV_BYTES + TAG_BYTES) throw new SealedDataError('sealed value is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, packed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(packed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealedDataError('sealed value does not verify: it was altered, or it belongs to another account or key');
  }
}

/** A sealed value or wrapped key that cannot be opened although its key exists: corruption or tampering, never a normal state. */
export class SealedDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedDataError';
  }
}
