import { maskPhoneNumbersInText } from '@sms/sms';

/** Keys whose string value is a message body: replaced by its length, never written (DOMAIN §6). */
export const BODY_KEYS: ReadonlySet<string> = new Set([
  'content',
  'text',
  'body',
  'shortMessage',
  'short_message',
  'messageBody',
  'message_payload',
  'messagePayload',
]);

// Numbers (not strings) under these keys are phone numbers stored as integers; other numbers (amounts,
// counts, timestamps) stay numbers.
const PHONE_KEY = /phone|mobile|msisdn|recipient|destination|source_addr|destination_addr|^(?:to|from)$/i;
// Correlation ids the logger adds itself: hexadecimal, never phone numbers.
const PASSTHROUGH_KEYS: ReadonlySet<string> = new Set(['trace_id', 'span_id']);
const MAX_DEPTH = 10;

/**
 * A copy of a log record with every string run through the phone masker, body fields reduced to their
 * length and binary payloads to their size. The input is not modified (callers keep their objects).
 */
export function redactLogRecord(record: Record<string, unknown>): Record<string, unknown> {
  return redactObject(record, new WeakSet(), 0);
}

/**
 * Span (or span event) attributes redacted like a log record, for traces leave the process too. Attribute names are
 * dotted (`sms.text`, `exception.message`): the body and phone-number rules look at the last segment.
 */
export function redactSpanAttributes<T extends Record<string, unknown>>(attributes: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(attributes)) out[key] = redactValue(attributes[key], key.slice(key.lastIndexOf('.') + 1), new WeakSet(), 1);
  return out as T;
}

function redactValue(value: unknown, key: string | undefined, seen: WeakSet<object>, depth: number): unknown {
  if (key !== undefined && PASSTHROUGH_KEYS.has(key)) return value;
  switch (typeof value) {
    case 'string':
      if (key !== undefined && BODY_KEYS.has(key)) return `[redacted ${Array.from(value).length} chars]`;
      return maskPhoneNumbersInText(value);
    case 'number':
    case 'bigint':
      return key !== undefined && PHONE_KEY.test(key) ? maskPhoneNumbersInText(String(value)) : value;
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return value;
  if (value instanceof Uint8Array) {
    // PDUs and encoded bodies carry numbers and text as bytes.
    return key !== undefined && BODY_KEYS.has(key)
      ? `[redacted ${value.length} bytes]`
      : `[binary ${value.length} bytes]`;
  }
  if (value instanceof Date) return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Object]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redactValue(item, key, seen, depth + 1));
    if (value instanceof Error) return redactError(value, seen, depth);
    if (value instanceof Map) return redactObject(Object.fromEntries(value), seen, depth);
    if (value instanceof Set) return [...value].map((item) => redactValue(item, key, seen, depth + 1));
    return redactObject(value as Record<string, unknown>, seen, depth);
  } finally {
    seen.delete(value);
  }
}

function redactObject(obj: Record<string, unknown>, seen: WeakSet<object>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) out[key] = redactValue(obj[key], key, seen, depth + 1);
  return out;
}

/** Errors keep pino's err shape ({type, message, stack, …}); their text can quote a number too. */
function redactError(err: Error, seen: WeakSet<object>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: err.constructor?.name ?? 'Error',
    message: maskPhoneNumbersInText(err.message),
    stack: err.stack === undefined ? undefined : maskPhoneNumbersInText(err.stack),
  };
  const { cause, errors } = err as { cause?: unknown; errors?: unknown };
  if (cause !== undefined) out['cause'] = redactValue(cause, 'cause', seen, depth + 1);
  if (Array.isArray(errors)) out['errors'] = redactValue(errors, 'errors', seen, depth + 1);
  for (const key of Object.keys(err)) out[key] = redactValue((err as unknown as Record<string, unknown>)[key], key, seen, depth + 1);
  return out;
}
