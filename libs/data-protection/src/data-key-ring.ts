import { createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { decrypt, encrypt, SealedDataError } from './aes-gcm';
import { DataKeyDestroyedError, type DataKeyStore } from './data-key-store';
import { KEY_BYTES, type KeyEncryptionKey } from './key-encryption-key';

/** A value sealed with its owner's lifetime key: `pd1.` + base64url(IV ‖ tag ‖ ciphertext). Every value written before epochs is one. */
export const SEALED_PREFIX = 'pd1.';
/** A value sealed with the key of one epoch: `pd2.<epoch>.` + base64url(IV ‖ tag ‖ ciphertext) (ADR 0017). */
export const EPOCH_SEALED_PREFIX = 'pd2.';

/** Data that belongs to no account (yet): a reply no send claims, as the operator delivered it. */
export const UNATTRIBUTED = '~unattributed';
/** Platform secrets live beside the accounts' keys under ids an account id can never take. */
export const RESERVED_PREFIX = '~';

/** The default length of a key epoch: 30 days. */
export const DEFAULT_EPOCH_MS = 30 * 24 * 3600 * 1000;

export interface DataKeyRingOptions {
  /**
   * How long an unwrapped data key (or the knowledge that it was destroyed) is trusted without asking the store
   * again. It bounds how long another process still reads an account after its key was destroyed elsewhere, if
   * nobody told it (`forget`). Default 60 s.
   */
  cacheTtlMs?: number;
  /** Owners whose keys stay unwrapped in memory (the longest cached go first). Default 10,000. */
  maxCachedKeys?: number;
  /**
   * The length of a key epoch: data is sealed with the key of the epoch it is sealed in, so retention destroys whole
   * epochs. Every process sharing data must use the same length. Default 30 days.
   */
  epochMs?: number;
  now?: () => number;
}

export interface SealOptions {
  /** Seal with the owner's lifetime key (account-profile data), destroyed only when the whole owner is. */
  lifetime?: boolean;
}

interface CachedKey {
  /** undefined: destroyed. */
  key: KeyObject | undefined;
  expires: number;
}

/** What the ring holds of one owner: its lifetime key and the keys of the epochs it used lately. */
interface OwnerKeys {
  lifetime?: CachedKey;
  epochs: Map<number, CachedKey>;
}

/**
 * Personal data sealed with data keys per owner (envelope encryption, ADR 0016): AES-256-GCM, each data key stored
 * wrapped by the key-encryption key. An owner (an account) has a *lifetime* key for its profile and a key per
 * *epoch* — a slice of time (`epochMs`) — for everything else (ADR 0017): data is sealed with the key of the epoch it
 * is sealed in, so destroying the epochs that ended before a cutoff makes older data unreadable everywhere at once
 * (retention), and destroying the owner makes all of it unreadable (erasure), while what is stored in clear beside it
 * (ids, amounts) stays. The associated data binds a value to its owner (and epoch): moved to another account's row it
 * does not open.
 *
 * Sealing runs per event and per read-model batch on the hot path, so unwrapped keys are cached per (owner, epoch)
 * and nothing is derived per call: one AES-GCM operation and a random IV per value.
 */
export class DataKeyRing {
  private readonly cache = new Map<string, OwnerKeys>();
  private readonly ttlMs: number;
  private readonly maxCached: number;
  readonly epochMs: number;
  private readonly now: () => number;

  constructor(
    private readonly kek: KeyEncryptionKey,
    private readonly store: DataKeyStore,
    options: DataKeyRingOptions = {},
  ) {
    this.ttlMs = options.cacheTtlMs ?? 60_000;
    this.maxCached = options.maxCachedKeys ?? 10_000;
    this.epochMs = options.epochMs ?? DEFAULT_EPOCH_MS;
    if (!Number.isSafeInteger(this.epochMs) || this.epochMs < 1000) throw new RangeError(`A key epoch is a whole number of milliseconds ≥ 1000, not ${this.epochMs}`);
    const pinned = store.epochLength(this.epochMs);
    if (pinned !== this.epochMs) throw new EpochLengthChangedError(pinned, this.epochMs);
    this.now = options.now ?? Date.now;
  }

  static isSealed(value: unknown): value is string {
    return typeof value === 'string' && (value.startsWith(EPOCH_SEALED_PREFIX) || value.startsWith(SEALED_PREFIX));
  }

  isSealed(value: unknown): value is string {
    return DataKeyRing.isSealed(value);
  }

  /** The epoch `time` (ms since 1970) falls in. */
  epochOf(time: number): number {
    return Math.floor(time / this.epochMs);
  }

  /**
   * Seals `plaintext` for `owner` with the key of the current epoch (or, `lifetime`, its lifetime key), creating it on
   * first use. Throws DataKeyDestroyedError once that key was destroyed.
   */
  seal(owner: string, plaintext: string, options?: SealOptions): string {
    if (options?.lifetime) {
      const key = this.lifetimeKey(owner, true);
      if (!key) throw new DataKeyDestroyedError(owner);
      return SEALED_PREFIX + encrypt(key, plaintext, owner).toString('base64url');
    }
    const epoch = this.epochOf(this.now());
    const key = this.epochKey(owner, epoch, true);
    if (!key) throw new DataKeyDestroyedError(owner);
    return `${EPOCH_SEALED_PREFIX}${epoch}.${encrypt(key, plaintext, epochContext(owner, epoch)).toString('base64url')}`;
  }

  /**
   * The plaintext, or undefined when the key it was sealed with was destroyed. Throws SealedDataError when the value
   * does not verify (altered, or sealed for another owner) and when the key never existed (a lost key ring).
   */
  open(owner: string, sealed: string): string | undefined {
    if (sealed.startsWith(EPOCH_SEALED_PREFIX)) {
      const dot = sealed.indexOf('.', EPOCH_SEALED_PREFIX.length);
      const epoch = Number(sealed.slice(EPOCH_SEALED_PREFIX.length, dot));
      if (dot < 0 || !Number.isSafeInteger(epoch) || epoch < 0) throw new SealedDataError('sealed value names no epoch');
      const key = this.epochKey(owner, epoch, false);
      if (!key) return undefined;
      return decrypt(key, Buffer.from(sealed.slice(dot + 1), 'base64url'), epochContext(owner, epoch)).toString('utf8');
    }
    if (!sealed.startsWith(SEALED_PREFIX)) throw new TypeError('Not a sealed value');
    const key = this.lifetimeKey(owner, false);
    if (!key) return undefined;
    return decrypt(key, Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url'), owner).toString('utf8');
  }

  /**
   * Destroys every key of the owner — lifetime and every epoch — everywhere the store is shared: nothing sealed for it
   * can be opened again, and nothing new can be sealed for it (erasure of an account).
   */
  destroy(owner: string): void {
    if (owner.startsWith(RESERVED_PREFIX)) throw new Error(`${owner} is a platform key, not an account's`);
    this.store.destroy(owner);
    const gone: CachedKey = { key: undefined, expires: Number.POSITIVE_INFINITY };
    this.remember(owner, { lifetime: gone, epochs: new Map() });
  }

  /**
   * Destroys the owner's keys of every epoch that ended at or before `before` (ms since 1970): what was sealed in them
   * can no longer be opened (retention). The lifetime key and later epochs stay. The unattributed platform owner may
   * be given a retention too; other platform keys may not.
   */
  destroyBefore(owner: string, before: number): void {
    if (owner.startsWith(RESERVED_PREFIX) && owner !== UNATTRIBUTED) throw new Error(`${owner} is a platform key, not an account's`);
    // Epoch e ends at (e + 1) · epochMs: every epoch below floor(before / epochMs) has ended by `before`.
    this.store.destroyEpochsBefore(owner, this.epochOf(before));
    this.cache.delete(owner);
  }

  /** Drops the owner's cached keys, so the next use asks the store (a process that hears of a destruction elsewhere calls this). */
  forget(owner: string): void {
    this.cache.delete(owner);
  }

  private lifetimeKey(owner: string, create: boolean): KeyObject | undefined {
    const held = this.cache.get(owner);
    const now = this.now();
    const cached = held?.lifetime;
    if (cached && cached.expires > now) return cached.key;
    this.check(owner);
    const key = this.loadLifetime(owner, create);
    this.remember(owner, { ...(held ?? { epochs: new Map() }), lifetime: { key, expires: now + this.ttlMs } });
    return key;
  }

  private epochKey(owner: string, epoch: number, create: boolean): KeyObject | undefined {
    const held = this.cache.get(owner);
    const now = this.now();
    const cached = held?.epochs.get(epoch);
    if (cached && cached.expires > now) return cached.key;
    this.check(owner);
    const key = this.loadEpoch(owner, epoch, create);
    const keys = held ?? { epochs: new Map<number, CachedKey>() };
    // An owner sealing for a long time moves through epochs: the expired ones go.
    if (keys.epochs.size >= 8) for (const [old, entry] of keys.epochs) if (entry.expires <= now) keys.epochs.delete(old);
    keys.epochs.set(epoch, { key, expires: now + this.ttlMs });
    this.remember(owner, keys);
    return key;
  }

  private check(owner: string): void {
    if (!owner) throw new Error('Sealing needs an owner (an account id)');
    if (owner.startsWith(RESERVED_PREFIX) && owner !== UNATTRIBUTED) throw new Error(`${owner} is reserved and seals nothing`);
  }

  /** Keeps the owner's keys as the most recently used; the least recently used owner goes when the cache is full. */
  private remember(owner: string, keys: OwnerKeys): void {
    this.cache.delete(owner);
    if (this.cache.size >= this.maxCached) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(owner, keys);
  }

  private loadLifetime(owner: string, create: boolean): KeyObject | undefined {
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

  private loadEpoch(owner: string, epoch: number, create: boolean): KeyObject | undefined {
    const context = epochContext(owner, epoch);
    let wrapped = this.store.getEpoch(owner, epoch);
    if (wrapped === undefined) {
      if (epoch < this.store.epochFloor(owner)) return undefined;
      if (!create) throw new Error(`No data key for ${owner} in epoch ${epoch}: its sealed data cannot be opened (was keyring.db lost or replaced?)`);
      try {
        wrapped = this.store.putEpochIfAbsent(owner, epoch, this.kek.wrap(randomBytes(KEY_BYTES), context));
      } catch (error) {
        if (error instanceof DataKeyDestroyedError) return undefined;
        throw error;
      }
    }
    return createSecretKey(this.kek.unwrap(wrapped, context));
  }
}

/**
 * Sealed values and stored keys name their epoch by number (time ÷ length): under another length the numbers would
 * name other times, and retention would destroy the wrong epochs. The store keeps the length it was first used with.
 */
export class EpochLengthChangedError extends Error {
  constructor(
    readonly pinnedMs: number,
    readonly configuredMs: number,
  ) {
    super(
      `The key ring numbers its epochs by a length of ${pinnedMs / 1000} s, but ${configuredMs / 1000} s is configured (DATA_KEY_EPOCH_DAYS / DATA_KEY_EPOCH_SECONDS): ` +
        'the epoch length of a key ring cannot change — set it back',
    );
    this.name = 'EpochLengthChangedError';
  }
}

/** What an epoch's key is bound to (its wrapping and every value it seals): the owner and the epoch. */
const epochContext = (owner: string, epoch: number): string => `${owner}#${epoch}`;
