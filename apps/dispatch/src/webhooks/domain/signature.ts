import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Sms-Signature';
export const EVENT_ID_HEADER = 'X-Sms-Event-Id';
export const CLOUDEVENTS_JSON = 'application/cloudevents+json';

/** CONTRACTS.md: `X-Sms-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`, over the exact bytes sent. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** What a receiver does (and our tests): recompute over the raw body and compare in constant time. */
export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  if (header === undefined) return false;
  const expected = Buffer.from(signatureOf(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The parts of an integration event its structured-mode CloudEvent carries. */
export interface CloudEventParts {
  id: string;
  type: string;
  source: string;
  time: string;
  subject?: string;
  data: unknown;
}

/**
 * The CloudEvents 1.0 JSON event format (structured mode): the context attributes and `data` in one object, served
 * as `application/cloudevents+json`. Built once when the delivery is queued, so every attempt sends — and signs —
 * the same bytes.
 */
export function structuredCloudEvent(event: CloudEventParts): string {
  return JSON.stringify({
    specversion: '1.0',
    id: event.id,
    type: event.type,
    source: event.source,
    time: event.time,
    ...(event.subject !== undefined ? { subject: event.subject } : {}),
    datacontenttype: 'application/json',
    data: event.data,
  });
}
