/**
 * IntegrationEvent ↔ Kafka record in the CloudEvents 1.0 Kafka protocol binding, binary content mode:
 * context attributes travel as `ce_<name>` headers, `data` as the JSON record value, the partition key as the
 * record key. W3C trace context travels as plain `traceparent`/`tracestate` headers so OpenTelemetry
 * propagators (and other Kafka tooling) read it directly. Pure functions: no Kafka client involved.
 */
import type { IntegrationEvent } from './bus.port';

export const SPEC_VERSION = '1.0';
export const JSON_CONTENT_TYPE = 'application/json';

const CE_PREFIX = 'ce_';
const TRACE_HEADERS = new Set(['traceparent', 'tracestate']);
/** Attributes the binding maps explicitly; they cannot be used as extension names. */
const RESERVED = new Set(['specversion', 'id', 'type', 'source', 'time', 'subject', 'datacontenttype', 'dataschema', 'data', 'data_base64']);
/** CloudEvents attribute names are lower-case ASCII letters and digits. */
const ATTRIBUTE_NAME = /^[a-z0-9]+$/;
/** RFC 3339 date-time, as CloudEvents requires for `time`. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** A record as we produce it (kafkajs accepts string keys, values and headers). */
export interface OutgoingRecord {
  key: string;
  /** JSON of `data`; null when the event carries no data. */
  value: string | null;
  headers: Record<string, string>;
}

export type HeaderValue = Buffer | string | Array<Buffer | string> | undefined;

/** A record as a client hands it to us (kafkajs gives Buffers). */
export interface IncomingRecord {
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, HeaderValue>;
}

/** The event cannot be published as it is (a programming error at the producer). */
export class InvalidEventError extends Error {
  readonly code = 'INVALID_EVENT';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

/** A consumed record is not a valid CloudEvent; it is dead-lettered at once, never retried. */
export class MalformedEventError extends Error {
  readonly code = 'MALFORMED_EVENT';
  constructor(message: string) {
    super(message);
    this.name = 'MalformedEventError';
  }
}

function isJsonContentType(contentType: string): boolean {
  const mediaType = contentType.split(';', 1)[0].trim().toLowerCase();
  return mediaType === JSON_CONTENT_TYPE || mediaType.endsWith('+json');
}

/** Checks the attributes both directions rely on; `fail` builds the direction's error type. */
function checkAttributes(event: IntegrationEvent, fail: (message: string) => Error): void {
  for (const name of ['id', 'type', 'source', 'time', 'key'] as const) {
    const value = event[name];
    if (typeof value !== 'string' || value.length === 0) throw fail(`missing or empty ${name}`);
  }
  if (!RFC3339.test(event.time) || Number.isNaN(Date.parse(event.time))) throw fail(`time is not an RFC 3339 timestamp: ${event.time}`);
  if (event.subject !== undefined && typeof event.subject !== 'string') throw fail('subject must be a string');
}

export function toKafkaRecord(event: IntegrationEvent): OutgoingRecord {
  const invalid = (message: string) => new InvalidEventError(`event ${event.id ?? '?'}: ${message}`);
  checkAttributes(event, invalid);

  const headers: Record<string, string> = {
    ce_specversion: SPEC_VERSION,
    ce_id: event.id,
    ce_type: event.type,
    ce_source: event.source,
    ce_time: event.time,
    'content-type': JSON_CONTENT_TYPE,
  };
  if (event.subject !== undefined) headers.ce_subject = event.subject;
  for (const [name, value] of Object.entries(event.extensions ?? {})) {
    if (value === undefined) continue;
    if (typeof value !== 'string') throw invalid(`extension ${name} must be a string`);
    if (TRACE_HEADERS.has(name)) {
      headers[name] = value;
      continue;
    }
    if (!ATTRIBUTE_NAME.test(name)) throw invalid(`extension name ${JSON.stringify(name)} is not lower-case alphanumeric`);
    if (RESERVED.has(name)) throw invalid(`extension name ${name} is reserved`);
    headers[CE_PREFIX + name] = value;
  }

  let value: string | null = null;
  if (event.data !== undefined) {
    try {
      value = JSON.stringify(event.data);
    } catch (error) {
      // Typically a bigint: money travels as safe integers in minor units, never bigint (contracts/money.ts).
      throw invalid(`data is not JSON-serialisable: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { key: event.key, value, headers };
}

function headerText(value: HeaderValue): string | undefined {
  if (value === undefined) return undefined;
  // A repeated header: the last one wins, as most Kafka clients do for single-valued headers.
  const single = Array.isArray(value) ? value[value.length - 1] : value;
  if (single === undefined) return undefined;
  return typeof single === 'string' ? single : single.toString('utf8');
}

export function fromKafkaRecord(record: IncomingRecord): IntegrationEvent {
  const attributes = new Map<string, string>();
  const extensions: Record<string, string> = {};
  let contentType: string | undefined;
  for (const [rawName, rawValue] of Object.entries(record.headers ?? {})) {
    const value = headerText(rawValue);
    if (value === undefined) continue;
    const name = rawName.toLowerCase();
    if (name.startsWith(CE_PREFIX)) attributes.set(name.slice(CE_PREFIX.length), value);
    else if (TRACE_HEADERS.has(name)) extensions[name] = value;
    else if (name === 'content-type') contentType = value;
  }

  const malformed = (message: string) => new MalformedEventError(`record ${attributes.get('id') ?? '(no ce_id)'}: ${message}`);
  const specversion = attributes.get('specversion');
  if (specversion !== SPEC_VERSION) throw malformed(specversion === undefined ? 'missing ce_specversion' : `unsupported ce_specversion ${specversion}`);
  if (contentType !== undefined && !isJsonContentType(contentType)) throw malformed(`unsupported content-type ${contentType}`);

  for (const [name, value] of attributes) {
    if (!RESERVED.has(name) && ATTRIBUTE_NAME.test(name)) extensions[name] = value;
  }
  const key = record.key === null ? undefined : typeof record.key === 'string' ? record.key : record.key.toString('utf8');

  let data: unknown = undefined;
  if (record.value !== null && record.value.length > 0) {
    try {
      data = JSON.parse(typeof record.value === 'string' ? record.value : record.value.toString('utf8'));
    } catch (error) {
      throw malformed(`value is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const event: IntegrationEvent = {
    id: attributes.get('id') as string,
    type: attributes.get('type') as string,
    source: attributes.get('source') as string,
    time: attributes.get('time') as string,
    key: key as string,
    data,
  };
  const subject = attributes.get('subject');
  if (subject !== undefined) event.subject = subject;
  if (Object.keys(extensions).length > 0) event.extensions = extensions;
  checkAttributes(event, malformed);
  return event;
}
