import type { ReadStreamOptions } from '../event-store.port';

/** Largest revision SQLite and EventStoreDB can hold; stands for 'end'. */
export const MAX_REVISION = 0x7fffffffffffffffn;

export function assertReadOptions(options: ReadStreamOptions): void {
  const { direction, fromRevision, maxCount } = options;
  if (direction !== undefined && direction !== 'forwards' && direction !== 'backwards') {
    throw new TypeError(`direction must be 'forwards' or 'backwards', got ${String(direction)}`);
  }
  if (typeof fromRevision === 'bigint') {
    if (fromRevision < 0n) throw new RangeError(`fromRevision must be >= 0, got ${fromRevision}`);
  } else if (fromRevision !== undefined && fromRevision !== 'start' && fromRevision !== 'end') {
    throw new TypeError(`fromRevision must be 'start', 'end' or a bigint, got ${String(fromRevision)}`);
  }
  if (maxCount !== undefined && (!Number.isSafeInteger(maxCount) || maxCount < 0)) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
}

/** Inclusive start revision and count: forwards reads revisions >= from, backwards reads revisions <= from. */
export function resolveReadRange(options: ReadStreamOptions): { forwards: boolean; from: bigint; limit: number } {
  const forwards = (options.direction ?? 'forwards') === 'forwards';
  const start = options.fromRevision ?? (forwards ? 'start' : 'end');
  const from = start === 'start' ? 0n : start === 'end' ? MAX_REVISION : start;
  return { forwards, from, limit: options.maxCount ?? Number.POSITIVE_INFINITY };
}
