/**
 * Where wrapped data keys live (port). An owner — an account id, or a reserved platform id (`~…`) — has a *lifetime*
 * key and one key per *epoch* (a slice of time, ADR 0017): epochs can be destroyed up to a point (retention) while
 * the lifetime key and later epochs stay. Synchronous, because sealing is: a codec encodes inside a synchronous call,
 * and a key is read from the store only on a cache miss.
 */
export interface DataKeyStore {
  /** The owner's wrapped lifetime key, or undefined when there is none (never created, or destroyed). */
  get(owner: string): string | undefined;
  /**
   * Stores `wrapped` as the owner's lifetime key unless it has one already, and returns the one stored: two threads or
   * processes creating a key at once both end with the first one's. Throws DataKeyDestroyedError for a destroyed owner.
   */
  putIfAbsent(owner: string, wrapped: string): string;
  /** The owner's wrapped key of `epoch`, or undefined (never created, or destroyed). */
  getEpoch(owner: string, epoch: number): string | undefined;
  /**
   * Like putIfAbsent, for the key of `epoch`. Throws DataKeyDestroyedError when that epoch was destroyed (it lies below
   * the owner's floor, or the owner was destroyed): a destroyed epoch never gets a key again.
   */
  putEpochIfAbsent(owner: string, epoch: number, wrapped: string): string;
  /**
   * Removes every key of the owner for good — its lifetime key and every epoch's — leaving a tombstone so it never gets
   * a new one. Idempotent.
   */
  destroy(owner: string): void;
  /** Removes the owner's keys of every epoch below `epoch` and raises its floor there (never lowers it). Idempotent. */
  destroyEpochsBefore(owner: string, epoch: number): void;
  /** Whether the owner was destroyed (its lifetime key and all epochs). */
  isDestroyed(owner: string): boolean;
  /** Epochs below this are destroyed: 0 when none is, Infinity once the owner was destroyed. */
  epochFloor(owner: string): number;
  /**
   * The epoch length (ms) this store's epoch keys are numbered by: the first length proposed, kept for good. Epoch
   * numbers mean nothing under another length, so a ring configured differently must refuse to start.
   */
  epochLength(proposed: number): number;
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
  /** null: destroyed. */
  private readonly keys = new Map<string, string | null>();
  private readonly epochs = new Map<string, Map<number, string>>();
  private readonly floors = new Map<string, number>();
  private pinnedEpochLength?: number;

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

  getEpoch(owner: string, epoch: number): string | undefined {
    return this.epochs.get(owner)?.get(epoch);
  }

  putEpochIfAbsent(owner: string, epoch: number, wrapped: string): string {
    if (epoch < this.epochFloor(owner)) throw new DataKeyDestroyedError(owner);
    let keys = this.epochs.get(owner);
    if (!keys) this.epochs.set(owner, (keys = new Map()));
    const stored = keys.get(epoch);
    if (stored !== undefined) return stored;
    keys.set(epoch, wrapped);
    return wrapped;
  }

  destroy(owner: string): void {
    this.keys.set(owner, null);
    this.destroyEpochsBefore(owner, Number.POSITIVE_INFINITY);
  }

  destroyEpochsBefore(owner: string, epoch: number): void {
    const floor = Math.max(this.epochFloor(owner), epoch);
    this.floors.set(owner, floor);
    const keys = this.epochs.get(owner);
    for (const held of [...(keys?.keys() ?? [])]) if (held < floor) keys?.delete(held);
  }

  isDestroyed(owner: string): boolean {
    return this.keys.get(owner) === null;
  }

  epochFloor(owner: string): number {
    return this.floors.get(owner) ?? 0;
  }

  epochLength(proposed: number): number {
    this.pinnedEpochLength ??= proposed;
    return this.pinnedEpochLength;
  }
}
