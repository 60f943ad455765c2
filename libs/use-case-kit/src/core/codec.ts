/**
 * The one seam between a service's domain events and what its streams hold: serialisation, upcasting and the
 * sealing of personal fields with the account's data key (ADR 0016) pass through it, at one place per service.
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
  /**
   * The same codec sealing the personal fields of each event on encode and opening them on decode. Codecs are module
   * constants built before any key exists; the providers that build a codec's consumers call this with the process's
   * key ring. Without it, an event holding sealed data is refused rather than read with its fields blank.
   */
  protectedBy(sealer: PersonalDataSealer): ServiceEventCodec<Event>;
}

/** Seals and opens text for an owner (an account): the data key ring of `@sms/data-protection`, seen from the codec. */
export interface PersonalDataSealer {
  /** `lifetime`: with the owner's lifetime key rather than the key of the current epoch (ADR 0017). */
  seal(owner: string, plaintext: string, options?: { lifetime?: boolean }): string;
  /** undefined when the owner's key was destroyed. */
  open(owner: string, sealed: string): string | undefined;
}

/**
 * Which fields of a stored event hold personal data, and whose key seals them. Paths name string fields of the
 * stored data: `a`, `a.b`, `a[].b` (that field of every element), `a.*` (every value of an object).
 */
export interface PersonalFields {
  /** The key's owner (the account id), read from the stored data, which keeps it in clear. */
  owner(data: any): string;
  paths: readonly string[];
  /**
   * Account-profile data (a contact e-mail): sealed with the owner's *lifetime* key, which only the erasure of the whole
   * account destroys. Everything else is sealed with the key of the epoch it is sealed in, which retention destroys
   * once the epoch is old enough (ADR 0017).
   */
  lifetime?: boolean;
}

/** What a personal field reads as once its owner's data key was destroyed: replays go on, the text is gone. */
export const PERSONAL_DATA_DESTROYED = '[destroyed]';

/** The stored data's field holding the event's personal fields, sealed together. */
export const SEALED_FIELD = '$sealed';

export class SealedEventError extends Error {
  constructor(readonly eventType: string, reason: string) {
    super(`Event type ${eventType} holds sealed personal data, but ${reason}`);
    this.name = 'SealedEventError';
  }
}

export interface EventTypeCodec<Event> {
  /** The domain's discriminator of this event (what `typeOf` answers), e.g. `BatchAccepted`. */
  domainType: string;
  /** Current stored type string, e.g. `dispatch.BatchAccepted.v2`. */
  type: string;
  encode(event: Event): unknown;
  decode(data: unknown): Event;
  /** The personal fields of the stored data, sealed by a protected codec. */
  personal?: PersonalFields;
}

/** An older stored version and how to turn it into the next one; chains until a current type is reached. */
export interface Upcaster {
  from: string;
  to: string;
  upcast(data: unknown): unknown;
  /** The personal fields the retired version was stored with sealed (a type retired after it was first sealed). */
  personal?: PersonalFields;
}

export class UnknownEventTypeError extends Error {
  constructor(readonly eventType: string) {
    super(`No codec for event type ${eventType}`);
    this.name = 'UnknownEventTypeError';
  }
}

/**
 * Builds a codec from one entry per current event type and upcasters for retired versions. `typeOf` tells which
 * entry encodes a domain event (the domain's own discriminator, e.g. `event.type`). Entries that declare `personal`
 * fields have them sealed once the codec is `protectedBy` a key ring; events stored before (plain) read as they are.
 */
export function eventCodec<Event>(options: {
  types: Array<EventTypeCodec<Event>>;
  typeOf: (event: Event) => string;
  upcasters?: Upcaster[];
}): ServiceEventCodec<Event> {
  const current = new Set(options.types.map((t) => t.type));
  for (const u of options.upcasters ?? []) {
    if (current.has(u.from)) throw new Error(`Event type ${u.from} is both current and upcast`);
  }
  return buildCodec(options, undefined);
}

function buildCodec<Event>(
  options: { types: Array<EventTypeCodec<Event>>; typeOf: (event: Event) => string; upcasters?: Upcaster[] },
  sealer: PersonalDataSealer | undefined,
): ServiceEventCodec<Event> {
  const byType = new Map(options.types.map((t) => [t.type, t]));
  const byDomainType = new Map(options.types.map((t) => [t.domainType, t]));
  const upcasters = new Map((options.upcasters ?? []).map((u) => [u.from, u]));
  const personal = new Map<string, CompiledFields>();
  for (const holder of [...options.types.map((t) => ({ type: t.type, fields: t.personal })), ...(options.upcasters ?? []).map((u) => ({ type: u.from, fields: u.personal }))]) {
    if (holder.fields) personal.set(holder.type, compileFields(holder.fields));
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
      const data = entry.encode(event);
      const fields = sealer && personal.get(entry.type);
      return { type: entry.type, data: fields ? sealFields(data, fields, sealer) : data };
    },
    decode(stored) {
      let { type, data } = stored;
      if (isSealed(data)) {
        const fields = personal.get(type);
        if (!fields) throw new SealedEventError(type, 'its codec declares no personal fields for it');
        if (!sealer) throw new SealedEventError(type, 'this codec has no key ring (codec.protectedBy(ring))');
        data = openFields(data, fields, sealer);
      }
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
    protectedBy: (next) => buildCodec(options, next),
  };
  return codec;
}

/** One step of a personal field's path: a named field, every element of an array, every value of an object. */
type Step = { field: string } | 'each' | 'values';

interface CompiledFields {
  owner(data: any): string;
  paths: Step[][];
  /** What the sealer is told: undefined for the epoch key, so the hot path passes nothing. */
  options?: { lifetime: true };
}

function compileFields(fields: PersonalFields): CompiledFields {
  const paths = fields.paths.map((path) =>
    path.split('.').flatMap((part): Step[] => {
      if (part === '*') return ['values'];
      if (part.endsWith('[]')) return [{ field: part.slice(0, -2) }, 'each'];
      if (!/^[^[\]*]+$/.test(part)) throw new Error(`Bad personal field path ${path}`);
      return [{ field: part }];
    }),
  );
  return { owner: fields.owner, paths, ...(fields.lifetime ? { options: { lifetime: true } as const } : {}) };
}

const isSealed = (data: unknown): data is Record<string, unknown> => typeof data === 'object' && data !== null && typeof (data as Record<string, unknown>)[SEALED_FIELD] === 'string';

/**
 * A copy of `node` with every leaf the path reaches replaced by `visit(leaf)` (in document order); containers on the
 * way are copied, never changed, since the domain event and the stored data share them. Absent leaves are skipped.
 */
function rewrite(node: unknown, path: Step[], at: number, visit: (leaf: unknown) => unknown): unknown {
  if (at === path.length) return node === undefined || node === null ? node : visit(node);
  if (typeof node !== 'object' || node === null) return node;
  const step = path[at];
  if (step === 'each') return Array.isArray(node) ? node.map((item) => rewrite(item, path, at + 1, visit)) : node;
  const record = node as Record<string, unknown>;
  if (step === 'values') {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(record)) copy[key] = rewrite(record[key], path, at + 1, visit);
    return copy;
  }
  if (!(step.field in record)) return node;
  return { ...record, [step.field]: rewrite(record[step.field], path, at + 1, visit) };
}

/**
 * Takes every personal field out (an empty string keeps its place) and seals them together as one value: a batch of a
 * thousand recipients costs one AES-GCM operation, not a thousand.
 */
function sealFields(data: unknown, fields: CompiledFields, sealer: PersonalDataSealer): unknown {
  const values: string[] = [];
  let rest = data;
  for (const path of fields.paths) {
    rest = rewrite(rest, path, 0, (leaf) => {
      if (typeof leaf !== 'string') throw new TypeError(`A personal field must be a string, not ${typeof leaf}`);
      values.push(leaf);
      return '';
    });
  }
  if (values.length === 0) return rest;
  const plaintext = JSON.stringify(values);
  const sealed = fields.options ? sealer.seal(fields.owner(rest), plaintext, fields.options) : sealer.seal(fields.owner(rest), plaintext);
  return { ...(rest as object), [SEALED_FIELD]: sealed };
}

/** Puts the personal fields back — or, once the owner's key was destroyed, the placeholder in each. */
function openFields(data: Record<string, unknown>, fields: CompiledFields, sealer: PersonalDataSealer): unknown {
  const { [SEALED_FIELD]: sealed, ...rest } = data;
  const opened = sealer.open(fields.owner(rest), sealed as string);
  const values = opened === undefined ? undefined : (JSON.parse(opened) as string[]);
  let next = 0;
  let restored: unknown = rest;
  for (const path of fields.paths) restored = rewrite(restored, path, 0, () => (values ? values[next++] : PERSONAL_DATA_DESTROYED));
  if (values && next !== values.length) throw new Error(`Sealed personal data holds ${values.length} fields, the event ${next}`);
  return restored;
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
