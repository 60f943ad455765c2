import {
  ANY,
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError as ClientStreamNotFoundError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
} from '@eventstore/db-client';
import type { AllStreamResolvedEvent, PrefixesFilter, RegexFilter } from '@eventstore/db-client';
import { StreamNotFoundError, WrongExpectedVersionError } from '../errors';
import {
  fromClientError,
  fromClientWrongExpectedVersion,
  fromResolvedEvent,
  toClientEventData,
  toClientExpectedRevision,
  toClientFilter,
  toClientPosition,
  toClientReadPosition,
  toClientReadStreamOptions,
  toOurPosition,
} from './mapping';

const clientConflict = (expected: bigint | 'any' | 'no_stream' | 'stream_exists', current: bigint | 'no_stream') =>
  new ClientWrongExpectedVersionError(undefined, { streamName: 'order-1', expected, current });

describe('EventStoreDB mapping', () => {
  describe('expected revision', () => {
    it.each([
      ['any', ANY],
      ['no_stream', NO_STREAM],
      ['stream_exists', STREAM_EXISTS],
      [0n, 0n],
      [41n, 41n],
    ] as const)('%s → %s', (ours, theirs) => {
      expect(toClientExpectedRevision(ours)).toBe(theirs);
    });
  });

  describe('conflict errors', () => {
    it('keeps what we sent as expected and the server-reported actual revision', () => {
      const error = fromClientWrongExpectedVersion(clientConflict(3n, 5n), 'order-1', 3n);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: 'order-1', expectedRevision: 3n, actualRevision: 5n, code: 'CONCURRENCY_CONFLICT' });
    });

    it("maps a missing stream's actual revision to no_stream", () => {
      expect(fromClientWrongExpectedVersion(clientConflict(STREAM_EXISTS, NO_STREAM), 'order-1', 'stream_exists')).toMatchObject({
        expectedRevision: 'stream_exists',
        actualRevision: 'no_stream',
      });
      expect(fromClientWrongExpectedVersion(clientConflict(0n, -1n), 'order-1')).toMatchObject({ actualRevision: 'no_stream' });
    });

    it("without what we sent, decodes the server's numeric ExpectedVersion constants", () => {
      expect(fromClientWrongExpectedVersion(clientConflict(-1n, 2n), 'order-1').expectedRevision).toBe('no_stream');
      expect(fromClientWrongExpectedVersion(clientConflict(-2n, 2n), 'order-1').expectedRevision).toBe('any');
      expect(fromClientWrongExpectedVersion(clientConflict(-4n, 'no_stream'), 'order-1').expectedRevision).toBe('stream_exists');
      expect(fromClientWrongExpectedVersion(clientConflict(7n, 2n), 'order-1').expectedRevision).toBe(7n);
    });

    it('translates the client errors we have types for and passes others through', () => {
      expect(fromClientError(clientConflict(1n, 2n), 'order-1', 1n)).toBeInstanceOf(WrongExpectedVersionError);
      const notFound = fromClientError(new ClientStreamNotFoundError(undefined, 'order-9'), 'order-9');
      expect(notFound).toBeInstanceOf(StreamNotFoundError);
      expect(notFound).toMatchObject({ streamName: 'order-9' });
      const other = new Error('unavailable');
      expect(fromClientError(other, 'order-1')).toBe(other);
    });
  });

  describe('read options', () => {
    it('defaults: forwards from the start, backwards from the end, no count', () => {
      expect(toClientReadStreamOptions({})).toEqual({ direction: FORWARDS, fromRevision: START });
      expect(toClientReadStreamOptions({ direction: 'backwards' })).toEqual({ direction: BACKWARDS, fromRevision: END });
    });
    it('passes revisions and counts through', () => {
      expect(toClientReadStreamOptions({ fromRevision: 7n, maxCount: 3 })).toEqual({ direction: FORWARDS, fromRevision: 7n, maxCount: 3 });
      expect(toClientReadStreamOptions({ direction: 'backwards', fromRevision: 'start', maxCount: 1 })).toEqual({
        direction: BACKWARDS,
        fromRevision: 0n,
        maxCount: 1,
      });
    });
  });

  describe('positions', () => {
    it('pack commit and prepare losslessly into one bigint', () => {
      for (const position of [
        { commit: 0n, prepare: 0n },
        { commit: 1234n, prepare: 1234n },
        { commit: 1234n, prepare: 1500n },
        { commit: 2n ** 62n, prepare: 2n ** 63n - 1n },
      ]) {
        expect(toClientPosition(toOurPosition(position))).toEqual(position);
      }
    });

    it('order like $all: by commit, then prepare (several events of one append share a commit position)', () => {
      const ordered = [
        { commit: 100n, prepare: 100n },
        { commit: 100n, prepare: 180n },
        { commit: 100n, prepare: 260n },
        { commit: 340n, prepare: 340n },
        { commit: 2n ** 40n, prepare: 0n },
      ].map(toOurPosition);
      expect([...ordered].sort((a, b) => (a < b ? -1 : 1))).toEqual(ordered);
      expect(new Set(ordered).size).toBe(ordered.length);
    });

    it('map start/end markers and refuse negatives', () => {
      expect(toClientReadPosition('start')).toBe(START);
      expect(toClientReadPosition('end')).toBe(END);
      expect(toClientReadPosition(toOurPosition({ commit: 5n, prepare: 9n }))).toEqual({ commit: 5n, prepare: 9n });
      expect(() => toClientPosition(-1n)).toThrow(RangeError);
      expect(() => toOurPosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    });
  });

  describe('filters', () => {
    it('no filter: the server excludes system events', () => {
      const { server, matches } = toClientFilter(undefined);
      expect((server as RegexFilter).regex).toBe('^[^$].*');
      expect(server.filterOn).toBe('eventType');
      expect(matches('order-1', 'OrderPlaced')).toBe(true);
      expect(matches('$stats-127.0.0.1:2113', '$statsCollected')).toBe(false);
      expect(matches('order-1', '$metadata')).toBe(false);
    });

    it('stream-name prefixes go to the server', () => {
      const { server, matches } = toClientFilter({ streamNamePrefixes: ['order-', 'invoice-'] });
      expect(server.filterOn).toBe('streamName');
      expect((server as PrefixesFilter).prefixes).toEqual(['order-', 'invoice-']);
      expect(matches('invoice-7', 'Anything')).toBe(true);
      expect(matches('customer-7', 'Anything')).toBe(false);
    });

    it('event-type prefixes alone go to the server', () => {
      const { server, matches } = toClientFilter({ eventTypePrefixes: ['Order'] });
      expect(server.filterOn).toBe('eventType');
      expect((server as PrefixesFilter).prefixes).toEqual(['Order']);
      expect(matches('x', 'OrderPlaced')).toBe(true);
      expect(matches('x', 'InvoiceSent')).toBe(false);
    });

    it('both: the server filters stream names and the client checks event types too', () => {
      const { server, matches } = toClientFilter({ streamNamePrefixes: ['order-'], eventTypePrefixes: ['OrderP'] });
      expect(server.filterOn).toBe('streamName');
      expect(matches('order-1', 'OrderPlaced')).toBe(true);
      expect(matches('order-1', 'OrderShipped')).toBe(false);
      expect(matches('invoice-1', 'OrderPlaced')).toBe(false);
    });
  });

  describe('events', () => {
    const created = new Date('2025-01-02T03:04:05.000Z');
    const recorded = (overrides: Record<string, unknown> = {}): AllStreamResolvedEvent =>
      ({
        event: {
          streamId: 'order-1',
          id: 'b8c1c2a6-4f7e-4a8e-9a55-1b2c3d4e5f60',
          revision: 4n,
          type: 'OrderPlaced',
          isJson: true,
          data: { total: '12.3400' },
          metadata: { traceparent: 'tp' },
          created,
          position: { commit: 100n, prepare: 180n },
          ...overrides,
        },
        commitPosition: 100n,
      }) as AllStreamResolvedEvent;

    it('maps a recorded event', () => {
      expect(fromResolvedEvent(recorded())).toEqual({
        id: 'b8c1c2a6-4f7e-4a8e-9a55-1b2c3d4e5f60',
        type: 'OrderPlaced',
        streamName: 'order-1',
        revision: 4n,
        position: toOurPosition({ commit: 100n, prepare: 180n }),
        data: { total: '12.3400' },
        metadata: { traceparent: 'tp' },
        created,
      });
    });

    it('metadata defaults to {}; undecoded JSON bytes are parsed', () => {
      expect(fromResolvedEvent(recorded({ metadata: undefined }))?.metadata).toEqual({});
      expect(fromResolvedEvent(recorded({ data: Buffer.from('{"a":1}'), metadata: Buffer.from('{"m":2}') }))).toMatchObject({
        data: { a: 1 },
        metadata: { m: 2 },
      });
    });

    it('skips system events, system streams and unresolved links', () => {
      expect(fromResolvedEvent(recorded({ type: '$metadata' }))).toBeUndefined();
      expect(fromResolvedEvent(recorded({ streamId: '$stats-1' }))).toBeUndefined();
      expect(fromResolvedEvent({ commitPosition: 5n } as AllStreamResolvedEvent)).toBeUndefined();
    });

    it('builds the client event from a prepared event', () => {
      expect(
        toClientEventData({ id: 'id-1', type: 'T', data: { a: 1 }, metadata: { m: 1 }, dataJson: '{"a":1}', metadataJson: '{"m":1}' }),
      ).toEqual({ id: 'id-1', contentType: 'application/json', type: 'T', data: { a: 1 }, metadata: { m: 1 } });
    });
  });
});
