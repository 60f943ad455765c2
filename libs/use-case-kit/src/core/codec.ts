/**
 * The one seam between a service's domain events and what its streams hold: serialisation and upcasting pass
 * through it, so later concerns that touch every stored event (encryption of personal fields with the account's
 * data key) plug in at one place per service.
 */

/** What the event store holds for one event: a stable, versioned type string and JSON data. */
export interface StoredEvent {
  type: string;
  data: unknown;
}

export interface EventCodec<Event> {
  encode(event: Event): StoredEvent;
  /** The current shape of a stored event (old versions upcast), or undefined for a type this service does not know. */
  decode(stored: StoredEvent): Event | undefined;
  /** Whether `type` is one of this codec's (current or upcast) types. */
  knows(type: string): boolean;
}

/** A codec that refuses (throws on) a stored type it does not know instead of answering undefined. */
export interface StrictEventCodec<Event> extends EventCodec<Event> {
  decode(stored: StoredEvent): Event;
}

/** A service's codec, which can also be seen from one kind of stream. */
export interface ServiceEventCodec<Event> extends EventCodec<Event> {
  /**
   * The same codec answering only these domain types — what one kind of stream holds, so its decider folds only its
   * own events. Other types are skipped like a newer version's, or, `strict`, refused (a ledger stream: skipping an
   * event there could misstate a balance).
   */
  narrow<Narrow extends Event>(domainTypes: readonly string[], options: { strict: true }): StrictEventCodec<Narrow>;
  narrow<Narrow extends Event>(domainTypes: readonly string[], options?: { strict?: false }): EventCodec<Narrow>;
}

export interface EventTypeCodec<Event> {
  /** The domain's discriminator of this event (what `typeOf` answers), e.g. `BatchAccepted`. */
  domainType: string;
  /** Current stored type string, e.g. `dispatch.BatchAccepted.v2`. */
  type: string;
  encode(event: Event): unknown;
  decode(data: unknown): Event;
}

/** An older stored version and how to turn it into the next one; chains until a current type is reached. */
export interface Upcaster {
  from: string;
  to: string;
  upcast(data: unknown): unknown;
}

export class UnknownEventTypeError extends Error {
  constructor(readonly eventType: string) {
    super(`No codec for event type ${eventType}`);
    this.name = 'UnknownEventTypeError';
  }
}

/**
 * Builds a codec from one entry per current event type and upcasters for retired versions. `typeOf` tells which
 * entry encodes a domain event (the domain's own discriminator, e.g. `event.type`).
 */
export function eventCodec<Event>(options: {
  types: Array<EventTypeCodec<Event>>;
  typeOf: (event: Event) => string;
  upcasters?: Upcaster[];
}): ServiceEventCodec<Event> {
  const byType = new Map(options.types.map((t) => [t.type, t]));
  const byDomainType = new Map(options.types.map((t) => [t.domainType, t]));
  const upcasters = new Map((options.upcasters ?? []).map((u) => [u.from, u]));
  for (const u of upcasters.values()) {
    if (byType.has(u.from)) throw new Error(`Event type ${u.from} is both current and upcast`);
  }
  /** The current stored type a stored type upcasts to (itself when current), or undefined. */
  const currentOf = (type: string): string | undefined => {
    for (let hops = 0; hops <= upcasters.size; hops++) {
      if (byType.has(type)) return type;
      const next = upcasters.get(type)?.to;
      if (next === undefined) return undefined;
      type = next;
    }
    return undefined;
  };
  const codec: ServiceEventCodec<Event> = {
    encode(event) {
      const type = options.typeOf(event);
      const entry = byDomainType.get(type);
      if (!entry) throw new UnknownEventTypeError(type);
      return { type: entry.type, data: entry.encode(event) };
    },
    decode(stored) {
      let { type, data } = stored;
      for (let hops = 0; !byType.has(type); hops++) {
        const upcaster = upcasters.get(type);
        if (!upcaster) return undefined;
        if (hops > upcasters.size) throw new Error(`Upcaster cycle at ${type}`);
        data = upcaster.upcast(data);
        type = upcaster.to;
      }
      return (byType.get(type) as EventTypeCodec<Event>).decode(data);
    },
    knows: (type) => byType.has(type) || upcasters.has(type),
    narrow<Narrow extends Event>(domainTypes: readonly string[], narrowing: { strict?: boolean } = {}): StrictEventCodec<Narrow> {
      const wanted = new Set(domainTypes);
      const knows = (type: string) => {
        const current = currentOf(type);
        return current !== undefined && wanted.has((byType.get(current) as EventTypeCodec<Event>).domainType);
      };
      return {
        encode: (event) => codec.encode(event),
        decode: (stored) => {
          if (knows(stored.type)) return codec.decode(stored) as Narrow;
          if (narrowing.strict) throw new UnknownEventTypeError(stored.type);
          return undefined as unknown as Narrow;
        },
        knows,
      };
    },
  };
  return codec;
}

/** For events whose stored data is their own JSON shape (`{ type, data }` domain events named by a stored type). */
export function jsonEventType<Event extends { type: string; data: unknown }>(domainType: Event['type'], storedType: string): EventTypeCodec<Event> {
  return {
    type: storedType,
    domainType,
    encode: (event) => event.data,
    decode: (data) => ({ type: domainType, data }) as Event,
  };
}
