import type { IntegrationEvent } from '@sms/messaging';

/** Metadata of events appended in reaction to a consumed event: what caused them, and its trace context. */
export function causedBy(event: IntegrationEvent): Record<string, string> {
  const { traceparent, tracestate } = event.extensions ?? {};
  return { causationId: event.id, ...(traceparent ? { traceparent } : {}), ...(tracestate ? { tracestate } : {}) };
}
