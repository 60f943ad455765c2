/**
 * How a stream's folded state becomes a snapshot and back (ADR 0028). Framework-free, so a domain folder can declare
 * its aggregate's serialiser next to its state; the kit's CommandHandler stores what it returns through a
 * `SnapshotStore`.
 */
export interface StateSerializer<State> {
  /**
   * The shape of what `serialize` returns. Bump it whenever the state (or its serialised form) changes: a snapshot
   * of another version is ignored and the stream replayed instead, so an old snapshot can never be read as a new shape.
   */
  version: number;
  /**
   * A JSON-serialisable copy of the state (bigints as strings, Maps as arrays). Runs synchronously on the state as
   * committed, which the kit evolves in place afterwards, so it must copy, never keep references. Personal data must
   * not be written in clear: seal it with the owner's key (ADR 0016), as the codec does for events.
   */
  serialize(state: State, stream: string): unknown;
  /** A fresh state from what `serialize` returned (parsed JSON). Throwing makes the kit ignore the snapshot. */
  deserialize(data: unknown, stream: string): State;
}
