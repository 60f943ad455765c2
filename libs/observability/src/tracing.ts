import {
  context,
  propagation,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type TextMapGetter,
  type Tracer,
} from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type ReadableSpan,
  type Span as SdkSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { maskPhoneNumbersInText } from '@sms/sms';
import { redactSpanAttributes } from './redact';

export type TraceExporterKind = 'none' | 'otlp' | 'memory';

export interface TracingOptions {
  serviceName: string;
  /** Defaults to `otlp` when `OTEL_EXPORTER_OTLP_ENDPOINT` is set, else `none` (ids still propagate). */
  exporter?: TraceExporterKind;
}

export interface Tracing {
  tracer: Tracer;
  /** Releases this caller's hold; the provider flushes and stops when the last holder shuts down. */
  shutdown(): Promise<void>;
  /** Present in `memory` mode: the spans finished so far, for tests. */
  memoryExporter?: InMemorySpanExporter;
}

interface ActiveProvider {
  provider: NodeTracerProvider;
  holders: number;
  memoryExporter?: InMemorySpanExporter;
}

// One provider per process: the embedded profile hosts every service in one process, and OpenTelemetry's
// globals (tracer provider, context manager, propagator) can be registered only once.
let active: ActiveProvider | undefined;

/**
 * Registers the process-wide tracer provider with the W3C trace-context (and baggage) propagator. Later calls
 * reuse it — the first caller's `service.name` and exporter stay — and get a tracer named after their service.
 */
export function startTracing(options: TracingOptions): Tracing {
  if (!active) active = createProvider(options);
  const current = active;
  current.holders += 1;

  let released = false;
  return {
    tracer: trace.getTracer(options.serviceName),
    memoryExporter: current.memoryExporter,
    async shutdown() {
      if (released) return;
      released = true;
      current.holders -= 1;
      if (current.holders > 0) return;
      if (active === current) active = undefined;
      await current.provider.shutdown();
      // Unregister so a later startTracing (next test, restarted host) can register afresh.
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

function createProvider(options: TracingOptions): ActiveProvider {
  const kind = options.exporter ?? (process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] ? 'otlp' : 'none');
  const spanProcessors: SpanProcessor[] = [];
  let memoryExporter: InMemorySpanExporter | undefined;
  if (kind === 'memory') {
    memoryExporter = new InMemorySpanExporter();
    spanProcessors.push(new SimpleSpanProcessor(memoryExporter));
  } else if (kind === 'otlp') {
    // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT / _HEADERS itself and posts to <endpoint>/v1/traces.
    spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  }

  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors: spanProcessors.map((processor) => new MaskingSpanProcessor(processor)),
  });
  provider.register({
    propagator: new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
  });
  return { provider, holders: 0, memoryExporter };
}

/**
 * Spans leave the process masked like log lines (DOMAIN §6): name, attributes, status message and the events'
 * attributes — `recordException` copies an error's message and stack there, and an error can quote a number.
 */
class MaskingSpanProcessor implements SpanProcessor {
  constructor(private readonly inner: SpanProcessor) {}

  onStart(span: SdkSpan, parentContext: Context): void {
    this.inner.onStart(span, parentContext);
  }

  onEnding(span: SdkSpan): void {
    this.inner.onEnding?.(span);
  }

  onEnd(span: ReadableSpan): void {
    this.inner.onEnd(maskSpan(span));
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

function maskSpan(span: ReadableSpan): ReadableSpan {
  const { status } = span;
  return {
    name: maskPhoneNumbersInText(span.name),
    kind: span.kind,
    spanContext: () => span.spanContext(),
    parentSpanContext: span.parentSpanContext,
    startTime: span.startTime,
    endTime: span.endTime,
    status: status.message === undefined ? status : { ...status, message: maskPhoneNumbersInText(status.message) },
    attributes: redactSpanAttributes(span.attributes),
    links: span.links.map((link) => (link.attributes ? { ...link, attributes: redactSpanAttributes(link.attributes) } : link)),
    events: span.events.map((event) => ({
      ...event,
      name: maskPhoneNumbersInText(event.name),
      ...(event.attributes ? { attributes: redactSpanAttributes(event.attributes) } : {}),
    })),
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

const LIBRARY_TRACER = '@sms/observability';

/**
 * Runs `fn` inside a new active span (child of the current one), ending it when `fn` returns or its promise
 * settles; a throw or rejection is recorded on the span and rethrown.
 */
export function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => T): T {
  return trace.getTracer(LIBRARY_TRACER).startActiveSpan(name, { attributes }, (span) => {
    const fail = (error: unknown) => {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      span.end();
    };
    let result: T;
    try {
      result = fn(span);
    } catch (error) {
      fail(error);
      throw error;
    }
    if (isPromiseLike(result)) {
      return result.then(
        (value) => {
          span.end();
          return value;
        },
        (error: unknown) => {
          fail(error);
          throw error;
        },
      ) as T;
    }
    span.end();
    return result;
  });
}

/** Writes `traceparent` (and `tracestate`/`baggage`) for the active context into `headers`, and returns it. */
export function injectTraceHeaders(
  headers: Record<string, string> = {},
  from: Context = context.active(),
): Record<string, string> {
  propagation.inject(from, headers);
  return headers;
}

/** Header values as HTTP frameworks and kafkajs deliver them. */
export type CarrierHeaders = Record<string, string | string[] | Buffer | undefined>;

const headerGetter: TextMapGetter<CarrierHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get(carrier, key) {
    const value = carrier[key] ?? carrier[key.toLowerCase()];
    if (value === undefined) return undefined;
    if (Array.isArray(value)) return value.map(String);
    return Buffer.isBuffer(value) ? value.toString('utf8') : value;
  },
};

/**
 * The context carried by incoming headers (HTTP, Kafka); run work in it with
 * `context.with(extractTraceContext(headers), () => withSpan(...))`.
 */
export function extractTraceContext(headers: CarrierHeaders, into: Context = context.active()): Context {
  return propagation.extract(into, headers, headerGetter);
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}
