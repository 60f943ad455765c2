/**
 * Persistent snapshots of event-sourced streams (ADR 0028): the newest folded state of a stream with the revision and
 * id of the last event in it, so a cold load reads only the events after it. A snapshot is a cache: losing it costs a
 * replay, never data, and the loader checks it against the stream before trusting it (see `CommandHandler`).
 */
export interface Snapshot {
  /** Revision of the last event folded into `state`. */
  revision: bigint;
  /**
   * Id of that event. The stream must hold this id at `revision`: a snapshot taken before the event store was restored
   * from an older backup — ahead of the stream, or of a stream that has since been written differently — is ignored.
   */
  eventId: string;
  /** The `StateSerializer.version` that wrote `state`; any other version is ignored. */
  schemaVersion: number;
  /** The serialised state, JSON text. */
  state: string;
}

/** Where a service keeps its streams' snapshots: one per stream, the newest saved. */
export interface SnapshotStore {
  get(stream: string): Promise<Snapshot | undefined>;
  /**
   * Replaces the stream's snapshot, whatever its revision: the loader decides which snapshot is valid, so a snapshot
   * found ahead of a restored stream is replaced by the next one taken of it.
   */
  save(stream: string, snapshot: Snapshot): Promise<void>;
  /** Forgets the stream's snapshot (none: nothing happens). */
  delete(stream: string): Promise<void>;
}

/** Snapshots in memory: tests, tools, and services without a database of their own. */
export class InMemorySnapshotStore implements SnapshotStore {
  private readonly snapshots = new Map<string, Snapshot>();

  async get(stream: string): Promise<Snapshot | undefined> {
    const found = this.snapshots.get(stream);
    return found ? { ...found } : undefined;
  }

  async save(stream: string, snapshot: Snapshot): Promise<void> {
    assertSnapshot(snapshot);
    this.snapshots.set(stream, { revision: snapshot.revision, eventId: snapshot.eventId, schemaVersion: snapshot.schemaVersion, state: snapshot.state });
  }

  async delete(stream: string): Promise<void> {
    this.snapshots.delete(stream);
  }
}

/** What every adapter refuses: a snapshot that could never be checked against its stream. */
export function assertSnapshot(snapshot: Snapshot): void {
  if (typeof snapshot.revision !== 'bigint' || snapshot.revision < 0n) throw new RangeError(`A snapshot's revision is a bigint ≥ 0, not ${String(snapshot.revision)}`);
  if (typeof snapshot.eventId !== 'string' || snapshot.eventId === '') throw new TypeError('A snapshot names the id of its last event');
  if (!Number.isSafeInteger(snapshot.schemaVersion)) throw new TypeError(`A snapshot's schema version is an integer, not ${String(snapshot.schemaVersion)}`);
  if (typeof snapshot.state !== 'string') throw new TypeError("A snapshot's state is JSON text");
}
