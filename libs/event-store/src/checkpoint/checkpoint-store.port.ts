/**
 * Where a subscription remembers the global position of the last event it finished with. Positions are opaque
 * bigints (on EventStoreDB they exceed 64 bits), so adapters store them losslessly.
 */
export interface CheckpointStore {
  load(name: string): Promise<bigint | undefined>;
  save(name: string, position: bigint): Promise<void>;
}

export const CHECKPOINT_STORE = Symbol('CHECKPOINT_STORE');

export function assertCheckpoint(name: string, position?: bigint): void {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError('Checkpoint name must be a non-empty string');
  if (position !== undefined && (typeof position !== 'bigint' || position < 0n)) {
    throw new TypeError(`Checkpoint position must be a bigint >= 0, got ${String(position)}`);
  }
}
