import { eventCodec, jsonEventType, UnknownEventTypeError } from './codec';

type Ev = { type: 'Renamed'; data: { name: string; by: string } } | { type: 'Opened'; data: { id: string } };

const codec = eventCodec<Ev>({
  typeOf: (e) => e.type,
  types: [jsonEventType<Ev>('Renamed', 'acme.Renamed.v3'), jsonEventType<Ev>('Opened', 'acme.Opened.v1')],
  upcasters: [
    { from: 'acme.Renamed.v1', to: 'acme.Renamed.v2', upcast: (d: any) => ({ title: d.label }) },
    { from: 'acme.Renamed.v2', to: 'acme.Renamed.v3', upcast: (d: any) => ({ name: d.title, by: 'unknown' }) },
  ],
});

describe('eventCodec', () => {
  it('encodes a domain event under its current stored type', () => {
    expect(codec.encode({ type: 'Opened', data: { id: 'a' } })).toEqual({ type: 'acme.Opened.v1', data: { id: 'a' } });
  });

  it('round-trips current events', () => {
    const event: Ev = { type: 'Renamed', data: { name: 'x', by: 'me' } };
    expect(codec.decode(codec.encode(event))).toEqual(event);
  });

  it('upcasts retired versions through every hop', () => {
    expect(codec.decode({ type: 'acme.Renamed.v1', data: { label: 'old' } })).toEqual({ type: 'Renamed', data: { name: 'old', by: 'unknown' } });
    expect(codec.decode({ type: 'acme.Renamed.v2', data: { title: 'mid' } })).toEqual({ type: 'Renamed', data: { name: 'mid', by: 'unknown' } });
  });

  it('answers undefined for a type it does not know, and knows its own and retired types', () => {
    expect(codec.decode({ type: 'other.Thing.v1', data: {} })).toBeUndefined();
    expect(codec.knows('acme.Renamed.v1')).toBe(true);
    expect(codec.knows('acme.Opened.v1')).toBe(true);
    expect(codec.knows('other.Thing.v1')).toBe(false);
  });

  it('refuses to encode an event without an entry', () => {
    expect(() => codec.encode({ type: 'Closed' } as never)).toThrow(UnknownEventTypeError);
  });

  it('refuses a type that is both current and upcast', () => {
    expect(() =>
      eventCodec<Ev>({ typeOf: (e) => e.type, types: [jsonEventType<Ev>('Opened', 'x.v1')], upcasters: [{ from: 'x.v1', to: 'x.v1', upcast: (d) => d }] }),
    ).toThrow(/both current and upcast/);
  });

  describe('narrow', () => {
    it('answers only the given domain types, current or upcast, and skips the others', () => {
      const renames = codec.narrow<Extract<Ev, { type: 'Renamed' }>>(['Renamed']);
      expect(renames.decode({ type: 'acme.Renamed.v1', data: { label: 'old' } })).toEqual({ type: 'Renamed', data: { name: 'old', by: 'unknown' } });
      expect(renames.decode({ type: 'acme.Opened.v1', data: { id: 'a' } })).toBeUndefined();
      expect(renames.knows('acme.Renamed.v1')).toBe(true);
      expect(renames.knows('acme.Opened.v1')).toBe(false);
      expect(renames.encode({ type: 'Renamed', data: { name: 'x', by: 'y' } })).toEqual({ type: 'acme.Renamed.v3', data: { name: 'x', by: 'y' } });
    });

    it('refuses anything else when strict', () => {
      const opened = codec.narrow<Extract<Ev, { type: 'Opened' }>>(['Opened'], { strict: true });
      expect(opened.decode({ type: 'acme.Opened.v1', data: { id: 'a' } })).toEqual({ type: 'Opened', data: { id: 'a' } });
      expect(() => opened.decode({ type: 'acme.Renamed.v3', data: {} })).toThrow(UnknownEventTypeError);
      expect(() => opened.decode({ type: 'other.Thing.v1', data: {} })).toThrow(UnknownEventTypeError);
    });
  });
});
