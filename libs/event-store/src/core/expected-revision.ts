import { ActualRevision, WrongExpectedVersionError } from '../errors';
import type { ExpectedRevision } from '../event-store.port';

export function assertExpectedRevisionValue(expected: ExpectedRevision): void {
  if (typeof expected === 'bigint') {
    if (expected < 0n) throw new RangeError(`expectedRevision must be >= 0, got ${expected}`);
    return;
  }
  if (expected !== 'any' && expected !== 'no_stream' && expected !== 'stream_exists') {
    throw new TypeError(`expectedRevision must be 'any', 'no_stream', 'stream_exists' or a bigint, got ${String(expected)}`);
  }
}

/** The optimistic-concurrency rule of EventStoreDB, for adapters that check it themselves. */
export function checkExpectedRevision(stream: string, expected: ExpectedRevision, actual: ActualRevision): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === 'no_stream') ||
    (expected === 'stream_exists' && actual !== 'no_stream') ||
    (typeof expected === 'bigint' && actual === expected);
  if (!ok) throw new WrongExpectedVersionError(stream, expected, actual);
}
