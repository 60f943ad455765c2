import {
  ANY,
  BACKWARDS,
  END,
  ErrorType,
  eventTypeFilter,
  excludeSystemEvents,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  streamNameFilter,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
} from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent,
  AppendExpectedRevision,
  EventData as ClientEventData,
  Filter,
  Position,
  ReadPosition,
  ReadStreamOptions as ClientReadStreamOptions,
  ResolvedEvent,
} from '@eventstore/db-client';
import { ActualRevision, StreamNotFoundError, WrongExpectedVersionError } from '../errors';
import type { AllFilter, ExpectedRevision, ReadStreamOptions, RecordedEvent } from '../event-store.port';
import { matchesFilter } from '../core/filter';
import type { PreparedEvent } from '../core/prepare-events';

/*
 * Pure translations between our port and @eventstore/db-client, kept apart from the adapter so they are unit-tested
 * without a server.
 */

export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

/** EventStoreDB's numeric ExpectedVersion constants, which the client passes through when it parses error metadata. */
function fromServerExpected(value: AppendExpectedRevision): ExpectedRevision {
  if (typeof value !== 'bigint') return value;
  if (value === -1n) return 'no_stream';
  if (value === -2n) return 'any';
  if (value === -4n) return 'stream_exists';
  return value;
}

function fromServerActual(value: bigint | 'no_stream' | undefined): ActualRevision {
  return value === undefined || value === 'no_stream' || value < 0n ? 'no_stream' : value;
}

export function isClientWrongExpectedVersion(error: unknown): error is ClientWrongExpectedVersionError {
  return (
    error instanceof ClientWrongExpectedVersionError || (error as { type?: unknown } | null)?.type === ErrorType.WRONG_EXPECTED_VERSION
  );
}

export function isClientStreamNotFound(error: unknown): boolean {
  return (error as { type?: unknown } | null)?.type === ErrorType.STREAM_NOT_FOUND;
}

/** The client's conflict → ours; `sent` (what we asked for) wins over what the server echoed, which may be numeric. */
export function fromClientWrongExpectedVersion(error: ClientWrongExpectedVersionError, stream: string, sent?: ExpectedRevision): WrongExpectedVersionError {
  const expected = sent ?? fromServerExpected(error.expectedVersion);
  return new WrongExpectedVersionError(error.streamName || stream, expected, fromServerActual(error.actualVersion));
}

/** Translates the client's errors we have our own types for; anything else passes through untouched. */
export function fromClientError(error: unknown, stream: string, sent?: ExpectedRevision): unknown {
  if (isClientWrongExpectedVersion(error)) return fromClientWrongExpectedVersion(error, stream, sent);
  if (isClientStreamNotFound(error)) return new StreamNotFoundError(stream);
  return error;
}

export function toClientReadStreamOptions(options: ReadStreamOptions): ClientReadStreamOptions {
  const direction = options.direction ?? 'forwards';
  const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
  return {
    direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
    // Backwards from 'start' means "revision 0 and before": say so, rather than rely on how the server reads START.
    fromRevision: from === 'start' ? (direction === 'forwards' ? START : 0n) : from === 'end' ? END : from,
    ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
  };
}

/*
 * Global positions. EventStoreDB orders $all by (commit, prepare). The events of one append can share a commit
 * position and differ only in their prepare position, so the commit position alone neither orders nor resumes
 * exactly inside a multi-event append. We pack both into one bigint, commit in the high 64 bits: it sorts like
 * $all, converts back losslessly, and stays strictly increasing (so a checkpoint mid-append resumes exactly).
 */
const SHIFT = 64n;
const LOW = (1n << SHIFT) - 1n;

export function toOurPosition(position: Position): bigint {
  if (position.commit < 0n || position.prepare < 0n || position.prepare > LOW) {
    throw new RangeError(`Unexpected $all position ${position.commit}/${position.prepare}`);
  }
  return (position.commit << SHIFT) | position.prepare;
}

export function toClientPosition(position: bigint): Position {
  if (position < 0n) throw new RangeError(`Position must be >= 0, got ${position}`);
  return { commit: position >> SHIFT, prepare: position & LOW };
}

export function toClientReadPosition(from: bigint | 'start' | 'end'): ReadPosition {
  return from === 'start' ? START : from === 'end' ? END : toClientPosition(from);
}

/**
 * EventStoreDB filters on stream name or event type, not both: the server filters on one (stream names first,
 * and always excludes system events), and `matches` applies the whole filter on the client.
 */
export function toClientFilter(filter: AllFilter | undefined): { server: Filter; matches(streamName: string, type: string): boolean } {
  const server = filter?.streamNamePrefixes
    ? streamNameFilter({ prefixes: filter.streamNamePrefixes })
    : filter?.eventTypePrefixes
      ? eventTypeFilter({ prefixes: filter.eventTypePrefixes })
      : excludeSystemEvents();
  return { server, matches: (streamName, type) => matchesFilter(streamName, type, filter) };
}

export function toClientEventData(event: PreparedEvent): ClientEventData {
  // Equivalent to the client's jsonEvent(); built directly so the id we validated is the one sent.
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  } as ClientEventData;
}

function decodeJson(value: unknown, isJson: boolean): unknown {
  if (value instanceof Uint8Array) {
    const text = Buffer.from(value).toString('utf8');
    if (!isJson || text.length === 0) return value;
    return JSON.parse(text);
  }
  return value;
}

/**
 * One event read from EventStoreDB → ours; undefined for what our port never shows (system events, links, events
 * without a position). `commitPosition` stands in for servers that omit the event's own position.
 */
export function fromResolvedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || event.type.startsWith('$') || event.streamId.startsWith('$')) return undefined;
  const position = event.position ?? (resolved.commitPosition !== undefined ? { commit: resolved.commitPosition, prepare: resolved.commitPosition } : undefined);
  if (!position) throw new Error('EventStoreDB returned an event without a position (server 22.6 or newer is required)');
  const metadata = decodeJson(event.metadata, true);
  return {
    id: event.id,
    type: event.type,
    streamName: event.streamId,
    revision: event.revision,
    position: toOurPosition(position),
    data: decodeJson(event.data, event.isJson),
    metadata: metadata && typeof metadata === 'object' && !(metadata instanceof Uint8Array) ? (metadata as Record<string, unknown>) : {},
    created: event.created,
  };
}
