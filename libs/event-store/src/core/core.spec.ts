import { WrongExpectedVersionError } from '../errors';
import { checkExpectedRevision } from './expected-revision';
import { assertFilter, matchesFilter } from './filter';
import { planAppend, prepareAppend, prepareEvents, splitDuplicates } from './prepare-events';

describe('checkExpectedRevision', () => {
  it.each([
    ['any', 'no_stream', true],
    ['any', 3n, true],
    ['no_stream', 'no_stream', true],
    ['no_stream', 0n, false],
    ['stream_exists', 'no_stream', false],
    ['stream_exists', 0n, true],
    [2n, 2n, true],
    [2n, 3n, false],
    [0n, 'no_stream', false],
  ] as const)('expected %s, actual %s → ok %s', (expected, actual, ok) => {
    const check = () => checkExpectedRevision('s', expected, actual);
    if (ok) expect(check).not.toThrow();
    else expect(check).toThrow(WrongExpectedVersionError);
  });
});

describe('filters', () => {
  it('AND across lists, OR within a list, never system events', () => {
    const filter = { streamNamePrefixes: ['order-', 'invoice-'], eventTypePrefixes: ['Order'] };
    expect(matchesFilter('order-1', 'OrderPlaced', filter)).toBe(true);
    expect(matchesFilter('invoice-1', 'OrderPlaced', filter)).toBe(true);
    expect(matchesFilter('invoice-1', 'InvoiceSent', filter)).toBe(false);
    expect(matchesFilter('customer-1', 'OrderPlaced', filter)).toBe(false);
    expect(matchesFilter('order-1', 'OrderPlaced', undefined)).toBe(true);
    expect(matchesFilter('$stats', 'x', undefined)).toBe(false);
    expect(matchesFilter('x', '$metadata', undefined)).toBe(false);
  });
  it('prefixes are case-sensitive', () => {
    expect(matchesFilter('Order-1', 'x', { streamNamePrefixes: ['order-'] })).toBe(false);
  });
  it('refuses empty lists and empty prefixes', () => {
    expect(() => assertFilter({ eventTypePrefixes: [] })).toThrow(TypeError);
    expect(() => assertFilter({ streamNamePrefixes: [''] })).toThrow(TypeError);
    expect(() => assertFilter({ streamNamePrefixes: ['a'] })).not.toThrow();
  });
});

describe('prepareEvents', () => {
  const id = '6F1A2B3C-4D5E-4F60-8A9B-0C1D2E3F4A5B';
  it('lower-cases ids, defaults metadata, serialises once', () => {
    const [event] = prepareEvents({ id, type: 'T', data: { a: 1 } });
    expect(event).toEqual({ id: id.toLowerCase(), type: 'T', data: { a: 1 }, metadata: {}, dataJson: '{"a":1}', metadataJson: '{}' });
  });
  it('refuses what JSON or EventStoreDB cannot carry', () => {
    expect(() => prepareEvents({ id, type: 'T', data: { big: 1n } })).toThrow(/not JSON-serialisable/);
    expect(() => prepareEvents({ id, type: 'T', data: undefined })).toThrow(/not JSON-serialisable/);
    expect(() => prepareEvents({ id: 'x', type: 'T', data: {} })).toThrow(/UUID/);
    expect(() => prepareEvents({ id, type: '', data: {} })).toThrow(/type/);
    expect(() => prepareEvents({ id, type: 'T', data: {}, metadata: [] as never })).toThrow(/metadata/);
  });
  it('splits duplicates: ids already stored and ids repeated in the batch', () => {
    const split = splitDuplicates([{ id: 'a' }, { id: 'b' }, { id: 'a' }, { id: 'c' }], (i) => i === 'c');
    expect(split.fresh.map((e) => e.id)).toEqual(['a', 'b']);
    expect(split.duplicateIds).toEqual(['a', 'c']);
  });
});

describe('prepareAppend', () => {
  const event = { id: '6f1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b', type: 'T', data: {} };
  it("defaults the expected revision to 'any' and prepares the events", () => {
    expect(prepareAppend('s', event, {})).toEqual({ expected: 'any', prepared: prepareEvents(event) });
    expect(prepareAppend('s', [event], { expectedRevision: 2n }).expected).toBe(2n);
  });
  it('refuses bad stream names and expected revisions before looking at the events', () => {
    expect(() => prepareAppend('', event, {})).toThrow(TypeError);
    expect(() => prepareAppend('$stats', event, {})).toThrow(/reserved/);
    expect(() => prepareAppend('s', event, { expectedRevision: -1n })).toThrow(RangeError);
    expect(() => prepareAppend('s', event, { expectedRevision: 'latest' as never })).toThrow(TypeError);
  });
});

describe('planAppend', () => {
  const prepared = (...ids: string[]) => ids.map((id) => ({ id, type: 'T', data: {}, metadata: {}, dataJson: '{}', metadataJson: '{}' }));
  const stored = new Map([
    ['a', 7n],
    ['b', 9n],
  ]);
  const last = { revision: 1n, position: 9n };

  it('answers an append of ids all in the stream with the newest of their positions, whatever it expected', () => {
    expect(planAppend('s', 0n, prepared('a'), last, (id) => stored.get(id))).toEqual({ result: { nextExpectedRevision: 1n, position: 7n } });
    expect(planAppend('s', 'no_stream', prepared('b', 'a', 'a'), last, (id) => stored.get(id))).toEqual({ result: { nextExpectedRevision: 1n, position: 9n } });
  });
  it('returns the events new to the stream once the expected revision holds', () => {
    const plan = planAppend('s', 1n, prepared('a', 'c', 'c', 'd'), last, (id) => stored.get(id));
    expect('fresh' in plan && plan.fresh.map((e) => e.id)).toEqual(['c', 'd']);
    expect(() => planAppend('s', 0n, prepared('c'), last, (id) => stored.get(id))).toThrow(WrongExpectedVersionError);
    expect(() => planAppend('s', 'stream_exists', prepared('c'), undefined, () => undefined)).toThrow(WrongExpectedVersionError);
  });
  it('answers an empty append with the end of the stream after checking the expected revision', () => {
    expect(planAppend('s', 'any', [], last, () => undefined)).toEqual({ result: { nextExpectedRevision: 1n, position: 9n } });
    expect(planAppend('s', 'no_stream', [], undefined, () => undefined)).toEqual({ result: { nextExpectedRevision: -1n, position: -1n } });
    expect(() => planAppend('s', 'no_stream', [], last, () => undefined)).toThrow(WrongExpectedVersionError);
  });
});
