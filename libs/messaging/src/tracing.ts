/**
 * W3C trace context across the bus. Publish injects the active context into the record headers unless the event
 * already carries its own `traceparent` (an outbox publishes long after the request, so the event's own context
 * is the right parent); consume extracts it and runs the handler in a CONSUMER span under it. Everything here is a
 * no-op until an OpenTelemetry SDK registers a propagator, context manager and tracer provider.
 */
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import type { IntegrationEvent } from './bus.port';

const tracer = () => trace.getTracer('@sms/messaging');

/** Adds `traceparent`/`tracestate` of the active context to `headers` when it has none. */
export function injectActiveContext(headers: Record<string, string>): void {
  if (headers.traceparent !== undefined) return;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  if (carrier.traceparent) {
    headers.traceparent = carrier.traceparent;
    if (carrier.tracestate) headers.tracestate = carrier.tracestate;
  }
}

export function extractContext(event: IntegrationEvent): Context {
  const extensions = event.extensions;
  if (!extensions?.traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent: extensions.traceparent, tracestate: extensions.tracestate });
}

export interface ProcessSpanInfo {
  topic: string;
  groupId: string;
  partition: number;
  attempt: number;
}

/** Runs `fn` in a CONSUMER span whose parent is the event's trace context. */
export function runInEventContext<T>(event: IntegrationEvent, info: ProcessSpanInfo, fn: () => Promise<T>): Promise<T> {
  const attributes = {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': info.topic,
    'messaging.destination.partition.id': String(info.partition),
    'messaging.consumer.group.name': info.groupId,
    'messaging.message.id': event.id,
    'cloudevents.event_type': event.type,
    'messaging.retry.attempt': info.attempt,
  };
  return tracer().startActiveSpan(`process ${info.topic}`, { kind: SpanKind.CONSUMER, attributes }, extractContext(event), async (span) => {
    try {
      return await fn();
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
