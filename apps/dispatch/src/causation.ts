import type { IntegrationEvent } from '@sms/messaging';

/** Metadata of an event appended in reaction to a consumed one: its cause, and the trace it belongs to. */
export function causationMetadata(event: IntegrationEvent): Record<string, string> {
  return { causationId: event.id, ...traceExtensions(event) };
}

/** The consumed event's W3C trace context, to carry on whatever it causes. */
export function traceExtensions(event: IntegrationEvent): Record<string, string> {
  const { traceparent, tracestate } = event.extensions ?? {};
  return { ...(traceparent ? { traceparent } : {}), ...(tracestate ? { tracestate } : {}) };
}
