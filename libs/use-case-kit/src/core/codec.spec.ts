import { eventCodec, jsonEventType, PERSONAL_DATA_DESTROYED, SEALED_FIELD, SealedEventError, UnknownEventTypeError } from './codec';

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

describe('eventCodec: personal fields', () => {
  type Sent = {
    type: 'Sent';
    data: { accountId?: string; to: Array<{ id: string; phone: string; note?: string }>; texts: Record<string, string>; subject: string; count: number };
  };
  const sentType = (personal = true) => ({
    ...jsonEventType<Sent>('Sent', 'acme.Sent.v2'),
    ...(personal ? { personal: { owner: (d: any) => d.accountId ?? '~unattributed', paths: ['to[].phone', 'to[].note', 'texts.*', 'subject'] } } : {}),
  });
  const plain = eventCodec<Sent>({ typeOf: (e) => e.type, types: [sentType()] });

  /** A sealer that records its calls; "sealing" is reversible base64 so the test can see what was sealed together. */
  const recordingSealer = () => {
    const calls: Array<{ owner: string; plaintext: string; options?: { lifetime?: boolean } }> = [];
    const destroyed = new Set<string>();
    return {
      calls,
      destroyed,
      seal: (owner: string, plaintext: string, options?: { lifetime?: boolean }) => {
        calls.push({ owner, plaintext, ...(options ? { options } : {}) });
        return `sealed:${owner}:${Buffer.from(plaintext).toString('base64')}`;
      },
      open: (owner: string, sealed: string) => {
        if (destroyed.has(owner)) return undefined;
        const [, by, body] = sealed.split(':');
        if (by !== owner) throw new Error('wrong owner');
        return Buffer.from(body, 'base64').toString();
      },
    };
  };
  const event: Sent = {
    type: 'Sent',
    data: { accountId: 'acc-1', to: [{ id: 'm-1', phone: '+8613800138000', note: 'n' }, { id: 'm-2', phone: '+8613800138001' }], texts: { domestic: '【A】hi', international: 'hi' }, subject: 'S', count: 2 },
  };

  it('seals every personal field of an event as one value, under the owner the data names, and opens them again', () => {
    const sealer = recordingSealer();
    const codec = plain.protectedBy(sealer);
    const stored = codec.encode(event);
    expect(sealer.calls).toEqual([{ owner: 'acc-1', plaintext: JSON.stringify(['+8613800138000', '+8613800138001', 'n', '【A】hi', 'hi', 'S']) }]);
    expect(stored.data).toEqual({
      accountId: 'acc-1',
      to: [{ id: 'm-1', phone: '', note: '' }, { id: 'm-2', phone: '' }],
      texts: { domestic: '', international: '' },
      subject: '',
      count: 2,
      [SEALED_FIELD]: expect.stringMatching(/^sealed:acc-1:/),
    });
    expect(codec.decode(stored)).toEqual(event);
    // The domain event it encoded is untouched.
    expect(event.data.to[0].phone).toBe('+8613800138000');
  });

  it("seals account-profile fields with the owner's lifetime key when the type says so, and the rest with the epoch's", () => {
    const sealer = recordingSealer();
    const lifetime = eventCodec<Sent>({ typeOf: (e) => e.type, types: [{ ...sentType(), personal: { owner: (d: any) => d.accountId, paths: ['subject'], lifetime: true } }] });
    const stored = lifetime.protectedBy(sealer).encode(event);
    plain.protectedBy(sealer).encode(event);
    expect(sealer.calls.map((c) => c.options)).toEqual([{ lifetime: true }, undefined]);
    expect(lifetime.protectedBy(sealer).decode(stored)).toEqual(event);
  });

  it('decodes events stored before sealing existed, and encodes plain without a key ring', () => {
    const codec = plain.protectedBy(recordingSealer());
    expect(codec.decode(plain.encode(event))).toEqual(event);
    expect(plain.encode(event).data).toEqual(event.data);
  });

  it('seals under the fallback owner what no account owns, and leaves an event with no personal value unsealed', () => {
    const sealer = recordingSealer();
    const codec = plain.protectedBy(sealer);
    const { accountId: _none, ...unowned } = event.data;
    expect(codec.decode(codec.encode({ type: 'Sent', data: unowned }))).toEqual({ type: 'Sent', data: unowned });
    expect(sealer.calls.map((c) => c.owner)).toEqual(['~unattributed']);
    const empty: Sent = { type: 'Sent', data: { accountId: 'acc-1', to: [], texts: {}, subject: undefined as unknown as string, count: 0 } };
    expect(codec.encode(empty).data).not.toHaveProperty(SEALED_FIELD);
  });

  it("reads the placeholder in every personal field once the owner's key is destroyed, keeping the rest", () => {
    const sealer = recordingSealer();
    const codec = plain.protectedBy(sealer);
    const stored = codec.encode(event);
    sealer.destroyed.add('acc-1');
    expect(codec.decode(stored)).toEqual({
      type: 'Sent',
      data: {
        accountId: 'acc-1',
        to: [{ id: 'm-1', phone: PERSONAL_DATA_DESTROYED, note: PERSONAL_DATA_DESTROYED }, { id: 'm-2', phone: PERSONAL_DATA_DESTROYED }],
        texts: { domestic: PERSONAL_DATA_DESTROYED, international: PERSONAL_DATA_DESTROYED },
        subject: PERSONAL_DATA_DESTROYED,
        count: 2,
      },
    });
  });

  it('refuses sealed data without a key ring, and narrowed codecs of a protected codec open it too', () => {
    const sealer = recordingSealer();
    const stored = plain.protectedBy(sealer).encode(event);
    expect(() => plain.decode(stored)).toThrow(SealedEventError);
    expect(() => eventCodec<Sent>({ typeOf: (e) => e.type, types: [sentType(false)] }).protectedBy(sealer).decode(stored)).toThrow(/declares no personal fields/);
    expect(plain.protectedBy(sealer).narrow<Sent>(['Sent'], { strict: true }).decode(stored)).toEqual(event);
  });

  it('opens a retired version stored sealed with the fields its upcaster declares, then upcasts it', () => {
    const sealer = recordingSealer();
    const v1 = eventCodec<Sent>({ typeOf: (e) => e.type, types: [{ ...sentType(), type: 'acme.Sent.v1' }] }).protectedBy(sealer);
    const storedV1 = v1.encode(event);
    const v2 = eventCodec<Sent>({
      typeOf: (e) => e.type,
      types: [sentType()],
      upcasters: [{ from: 'acme.Sent.v1', to: 'acme.Sent.v2', upcast: (d: any) => ({ ...d, count: d.count + 1 }), personal: sentType().personal }],
    }).protectedBy(sealer);
    expect(v2.decode(storedV1)).toEqual({ ...event, data: { ...event.data, count: 3 } });
  });
});
