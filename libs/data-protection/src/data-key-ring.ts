import { createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { decrypt, encrypt } from './aes-gcm';
import { DataKeyDestroyedError, type DataKeyStore } from './data-key-store';
import { KEY_BYTES, type KeyEncryptionKey } from './key-encryption-key';

/** Every sealed value starts with this: the format's version, so a later format can be told apart and read too. */
export const SEALED_PREFIX = 'pd1.';

/** Data that belongs to no account (yet): a reply no send claims, as the operator delivered it. */
export const UNATTRIBUTED = '~unattributed';
/** Platform secrets live beside the accounts' keys under ids an account id can never take. */
export const RESERVED_PREFIX = '~';

export interface DataKeyRingOptions {
  /**
   * How long an unwrapped data key (or the knowledge that it was destroyed) is trusted without asking the store
   * again. It bounds how long another process still reads an account after its key was destroyed elsewhere, if
   * nobody told it (`forget`). Default 60 s.
   */
  cacheTtlMs?: number;
  /** Accounts whose keys stay unwrapped in memory (the longest cached go first). Default 10,000. */
  maxCachedKeys?: number;
  now?: () => number;
}

interface CachedKey {
  /** undefined: destroyed. */
  key: KeyObject | undefined;
  expires: number;
}

/**
 * Personal data sealed with a data key per account (envelope encryption): AES-256-GCM with the account id as
 * associated data, so a value copied to another account's row does not open; each data key stored wrapped by the
 * key-encryption key. Destroying an account's key makes everything sealed for it unreadable everywhere at once
 * (crypto-shredding), while what is stored in clear beside it (ids, amounts) stays.
 *
 * Sealing runs per event and per read-model batch on the hot path, so unwrapped keys are cached and nothing is
 * derived per call: one AES-GCM operation and a random IV per value.
 */
export class DataKeyRing {
  private readonly cache = new Map<string, CachedKey>();
  private readonly ttlMs: number;
  private readonly maxCached: number;
  private readonly now: () => number;

  constructor(
    private readonly kek: KeyEncryptionKey,
    private readonly store: DataKeyStore,
    options: DataKeyRingOptions = {},
  ) {
    this.ttlMs = options.cacheTtlMs ?? 60_000;
    this.maxCached = options.maxCachedKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  static isSealed(value: unknown): value is string {
    return typeof value === 'string' && value.startsWith(SEALED_PREFIX);
  }

  isSealed(value: unknown): value is string {
    return DataKeyRing.isSealed(value);
  }

  /** Seals `plaintext` for `accountId`, creating the account's data key on first use. Throws DataKeyDestroyedError once it was destroyed. */
  seal(accountId: string, plaintext: string): string {
    const key = this.keyOf(accountId, true);
    if (!key) throw new DataKeyDestroyedError(accountId);
    return SEALED_PREFIX + encrypt(key, plaintext, accountId).toString('base64url');
  }

  /**
   * The plaintext, or undefined when the account's key was destroyed. Throws SealedDataError when the value does not
   * verify (altered, or sealed for another account) and when the account never had a key (a lost key ring).
   */
  open(accountId: string, sealed: string): string | undefined {
    if (!DataKeyRing.isSealed(sealed)) throw new TypeError('Not a sealed value');
    const key = this.keyOf(accountId, false);
    if (!key) return undefined;
    return decrypt(key, Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url'), accountId).toString('utf8');
  }

  /** Destroys the account's data key everywhere it is stored: what was sealed for it can no longer be opened. */
  destroy(accountId: string): void {
    if (accountId.startsWith(RESERVED_PREFIX)) throw new Error(`${accountId} is a platform key, not an account's`);
    this.store.destroy(accountId);
    this.cache.set(accountId, { key: undefined, expires: Number.POSITIVE_INFINITY });
  }

  /** Drops the cached key, so the next use asks the store (a process that hears of a destruction elsewhere calls this). */
  forget(accountId: string): void {
    this.cache.delete(accountId);
  }

  private keyOf(owner: string, create: boolean): KeyObject | undefined {
    const cached = this.cache.get(owner);
    const now = this.now();
    if (cached && cached.expires > now) return cached.key;
    if (owner.startsWith(RESERVED_PREFIX) && owner !== UNATTRIBUTED) throw new Error(`${owner} is reserved and seals nothing`);
    if (!owner) throw new Error('Sealing needs an owner (an account id)');
    const key = this.load(owner, create);
    this.cache.delete(owner);
    if (this.cache.size >= this.maxCached) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(owner, { key, expires: now + this.ttlMs });
    return key;
  }

  private load(owner: string, create: boolean): KeyObject | undefined {
    let wrapped = this.store.get(owner);
    if (wrapped === undefined) {
      if (this.store.isDestroyed(owner)) return undefined;
      if (!create) throw new Error(`No data key for ${owner}: its sealed data cannot be opened (was keyring.db lost or replaced?)`);
      try {
        wrapped = this.store.putIfAbsent(owner, this.kek.wrap(randomBytes(KEY_BYTES), owner));
      } catch (error) {
        if (error instanceof DataKeyDestroyedError) return undefined;
        throw error;
      }
    }
    return createSecretKey(this.kek.unwrap(wrapped, owner));
  }
}
