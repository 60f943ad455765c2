import type { IntegrationEvent } from '@sms/messaging';
import { injectTraceHeaders } from '@sms/observability';

/**
 * Metadata of the events a command appends: the trace context of the request, so the integration events the outbox
 * publishes from them continue its trace.
 */
export function commandMetadata(): Record<string, string> {
  const { traceparent, tracestate } = injectTraceHeaders();
  return { ...(traceparent ? { traceparent } : {}), ...(tracestate ? { tracestate } : {}) };
}

/** Metadata of the events a consumed event causes: its id, and its trace context carried on. */
export function causedBy(event: IntegrationEvent): Record<string, string> {
  const { traceparent, tracestate } = event.extensions ?? {};
  return { causationId: event.id, ...(traceparent ? { traceparent } : {}), ...(tracestate ? { tracestate } : {}) };
}
