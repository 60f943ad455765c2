import type { AppendOptions, AppendResult, EventData, ExpectedRevision } from '../event-store.port';
import { assertExpectedRevisionValue, checkExpectedRevision } from './expected-revision';

/** An event checked and serialised once, before any adapter touches storage. */
export interface PreparedEvent {
  id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  dataJson: string;
  metadataJson: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertStreamName(stream: unknown): asserts stream is string {
  if (typeof stream !== 'string' || stream.length === 0) throw new TypeError('Stream name must be a non-empty string');
  // `$` streams are EventStoreDB system streams; the other adapters refuse them too so code behaves the same everywhere.
  if (stream.startsWith('$')) throw new TypeError(`Stream name ${stream} is reserved (starts with $)`);
}

function toJson(value: unknown, what: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new TypeError(`${what} is not JSON-serialisable: ${(error as Error).message}`);
  }
  if (json === undefined) throw new TypeError(`${what} is not JSON-serialisable`);
  return json;
}

/**
 * Validates and serialises an append. Ids must be UUIDs (EventStoreDB requires them) and are lower-cased so that
 * duplicate detection does not depend on the caller's spelling. JSON is the storage format everywhere, so data
 * JSON cannot carry (bigint, functions) is refused here rather than corrupted later.
 */
export function prepareEvents(events: EventData | EventData[]): PreparedEvent[] {
  const list = Array.isArray(events) ? events : [events];
  return list.map((event, index) => {
    if (event === null || typeof event !== 'object') throw new TypeError(`Event #${index} must be an object`);
    if (typeof event.id !== 'string' || !UUID.test(event.id)) throw new TypeError(`Event #${index} id must be a UUID, got ${String(event.id)}`);
    if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError(`Event #${index} type must be a non-empty string`);
    if (event.type.startsWith('$')) throw new TypeError(`Event type ${event.type} is reserved (starts with $)`);
    const metadata = event.metadata ?? {};
    if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
      throw new TypeError(`Event #${index} metadata must be a plain object`);
    }
    return {
      id: event.id.toLowerCase(),
      type: event.type,
      data: event.data,
      metadata,
      dataJson: toJson(event.data, `Event #${index} (${event.type}) data`),
      metadataJson: toJson(metadata, `Event #${index} (${event.type}) metadata`),
    };
  });
}

/** Checks an append's stream name and expected revision and prepares its events: the same refusals in every adapter. */
export function prepareAppend(stream: string, events: EventData | EventData[], options: AppendOptions): { expected: ExpectedRevision; prepared: PreparedEvent[] } {
  assertStreamName(stream);
  const expected = options.expectedRevision ?? 'any';
  assertExpectedRevisionValue(expected);
  return { expected, prepared: prepareEvents(events) };
}

/** The newest event of a stream. */
export interface StreamEnd {
  revision: bigint;
  position: bigint;
}

/**
 * Decides an append for adapters that check the expected revision themselves, given the stream's newest event
 * (undefined when the stream does not exist) and the position of any id already in it. Answers at once when
 * nothing is to be written; otherwise returns the events new to the stream, in order.
 */
export function planAppend(
  stream: string,
  expected: ExpectedRevision,
  prepared: PreparedEvent[],
  last: StreamEnd | undefined,
  positionOf: (id: string) => bigint | undefined,
): { result: AppendResult } | { fresh: PreparedEvent[] } {
  const positions = new Map<string, bigint>();
  const { fresh, duplicateIds } = splitDuplicates(prepared, (id) => {
    const position = positionOf(id);
    if (position !== undefined) positions.set(id, position);
    return position !== undefined;
  });
  if (last && prepared.length > 0 && fresh.length === 0) {
    // Every event is already in the stream: a retry of a committed append, accepted whatever it expected.
    return { result: { nextExpectedRevision: last.revision, position: newestPosition(duplicateIds, (id) => positions.get(id)) } };
  }
  checkExpectedRevision(stream, expected, last ? last.revision : 'no_stream');
  if (fresh.length === 0) return { result: { nextExpectedRevision: last?.revision ?? -1n, position: last?.position ?? -1n } };
  return { fresh };
}

/** Splits an append into events new to the stream and ids already there (or repeated earlier in the same append). */
export function splitDuplicates<T extends { id: string }>(events: T[], existing: (id: string) => boolean): { fresh: T[]; duplicateIds: string[] } {
  const seen = new Set<string>();
  const fresh: T[] = [];
  const duplicateIds: string[] = [];
  for (const event of events) {
    if (seen.has(event.id) || existing(event.id)) duplicateIds.push(event.id);
    else fresh.push(event);
    seen.add(event.id);
  }
  return { fresh, duplicateIds };
}

/** The newest position among already-stored ids (what an all-duplicates append reports). */
export function newestPosition(ids: string[], positionOf: (id: string) => bigint | undefined): bigint {
  let newest = -1n;
  for (const id of ids) {
    const position = positionOf(id);
    if (position !== undefined && position > newest) newest = position;
  }
  return newest;
}
