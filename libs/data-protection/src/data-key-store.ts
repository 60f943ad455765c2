/**
 * Where wrapped data keys live (port): one per owner — an account id, or a reserved platform id (`~…`). Synchronous,
 * because sealing is: a codec encodes inside a synchronous call, and a key is read from the store only on a cache miss.
 */
export interface DataKeyStore {
  /** The wrapped key, or undefined when there is none (never created, or destroyed). */
  get(owner: string): string | undefined;
  /**
   * Stores `wrapped` unless the owner has a key already, and returns the one stored: two threads or processes creating
   * a key at once both end with the first one's. Throws DataKeyDestroyedError for a destroyed owner.
   */
  putIfAbsent(owner: string, wrapped: string): string;
  /** Removes the owner's key for good, leaving a tombstone so it never gets a new one. Idempotent. */
  destroy(owner: string): void;
  isDestroyed(owner: string): boolean;
  close?(): void;
}

export class DataKeyDestroyedError extends Error {
  constructor(readonly owner: string) {
    super(`The data key of ${owner} was destroyed: nothing can be sealed for it any more`);
    this.name = 'DataKeyDestroyedError';
  }
}

/** For tests and tools: keys in memory, gone with the process. */
export class InMemoryDataKeyStore implements DataKeyStore {
  private readonly keys = new Map<string, string | null>();

  get(owner: string): string | undefined {
    return this.keys.get(owner) ?? undefined;
  }

  putIfAbsent(owner: string, wrapped: string): string {
    const stored = this.keys.get(owner);
    if (stored === null) throw new DataKeyDestroyedError(owner);
    if (stored !== undefined) return stored;
    this.keys.set(owner, wrapped);
    return wrapped;
  }

  destroy(owner: string): void {
    this.keys.set(owner, null);
  }

  isDestroyed(owner: string): boolean {
    return this.keys.get(owner) === null;
  }
}
