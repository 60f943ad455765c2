import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { extractTraceContext, injectTraceHeaders, startTracing, withSpan, type Tracing } from './tracing';

describe('tracing', () => {
  let tracing: Tracing;
  beforeEach(() => {
    tracing = startTracing({ serviceName: 'dispatch', exporter: 'memory' });
  });
  afterEach(() => tracing.shutdown());

  const finished = () => {
    if (!tracing.memoryExporter) throw new Error('memory exporter expected');
    return tracing.memoryExporter.getFinishedSpans();
  };

  it('continues an injected trace in a span started inside the extracted context, and exports both', () => {
    const headers = withSpan('publish MessageAccepted', { 'messaging.system': 'kafka' }, () => injectTraceHeaders({}));
    expect(headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    // The consumer side starts from an empty context, as a separate service would.
    const consumed = context.with(ROOT_CONTEXT, () =>
      context.with(extractTraceContext(headers), () => withSpan('consume MessageAccepted', {}, (span) => span.spanContext())),
    );

    const [producer, consumer] = finished();
    expect(producer.name).toBe('publish MessageAccepted');
    expect(producer.attributes).toEqual({ 'messaging.system': 'kafka' });
    expect(consumer.name).toBe('consume MessageAccepted');
    expect(consumed.traceId).toBe(producer.spanContext().traceId);
    expect(headers['traceparent']).toContain(producer.spanContext().traceId);
    expect(consumer.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
    expect(consumer.resource.attributes['service.name']).toBe('dispatch');
  });

  it('extracts Kafka-style Buffer headers', () => {
    const headers = withSpan('produce', {}, () => injectTraceHeaders({}));
    const ctx = extractTraceContext({ traceparent: Buffer.from(headers['traceparent']) }, ROOT_CONTEXT);
    expect(trace.getSpanContext(ctx)?.traceId).toBe(finished()[0].spanContext().traceId);
  });

  it('starts a new trace when headers carry none', () => {
    const outer = context.with(extractTraceContext({}, ROOT_CONTEXT), () => withSpan('a', {}, (s) => s.spanContext()));
    const other = context.with(ROOT_CONTEXT, () => withSpan('b', {}, (s) => s.spanContext()));
    expect(outer.traceId).not.toBe(other.traceId);
    expect(finished()[0].parentSpanContext).toBeUndefined();
  });

  it('nests spans and ends them when an async function settles', async () => {
    const result = await withSpan('outer', {}, async () => {
      await Promise.resolve();
      return withSpan('inner', {}, async () => 42);
    });
    expect(result).toBe(42);
    const byName = Object.fromEntries(finished().map((s) => [s.name, s]));
    expect(byName['inner'].parentSpanContext?.spanId).toBe(byName['outer'].spanContext().spanId);
    expect(byName['outer'].ended).toBe(true);
  });

  it('records errors on the span and rethrows them', async () => {
    expect(() => withSpan('sync', {}, () => {
      throw new Error('sync failure');
    })).toThrow('sync failure');
    await expect(withSpan('async', {}, async () => Promise.reject(new Error('async failure')))).rejects.toThrow('async failure');
    const [sync, async] = finished();
    expect(sync.status).toMatchObject({ code: 2, message: 'sync failure' });
    expect(async.status).toMatchObject({ code: 2, message: 'async failure' });
    expect(async.events.map((e) => e.name)).toEqual(['exception']);
  });

  it('exports spans masked like log lines: attributes, status, recorded exceptions, links and names', async () => {
    const linked = withSpan('linked', {}, (span) => span.spanContext());
    await expect(
      withSpan('submit to 13812345678', { 'sms.recipient': '+8613812345678', 'sms.text': '【阿里云】您的验证码为482913', 'sms.phone': 13812345678, 'sms.segments': 2 }, async (span) => {
        span.addLink({ context: linked, attributes: { 'peer.note': 'for +86 138-1234-5678' } });
        span.addEvent('queued', { 'sms.recipients': ['13812345678', '+447911123456'] });
        throw new Error('submit_sm to +8613812345678 failed');
      }),
    ).rejects.toThrow('submit_sm to +8613812345678 failed'); // the caller's error is untouched

    const span = finished().find((s) => s.name !== 'linked');
    expect(span).toMatchObject({
      name: 'submit to 138****5678',
      attributes: { 'sms.recipient': '138****5678', 'sms.text': '[redacted 17 chars]', 'sms.phone': '138****5678', 'sms.segments': 2 },
      status: { code: 2, message: 'submit_sm to 138****5678 failed' },
      links: [{ context: linked, attributes: { 'peer.note': 'for 138****5678' } }],
    });
    const [queued, exception] = span?.events ?? [];
    expect(queued.attributes).toEqual({ 'sms.recipients': ['138****5678', '+44 79******56'] });
    expect(exception.attributes).toMatchObject({ 'exception.type': 'Error', 'exception.message': 'submit_sm to 138****5678 failed' });
    expect(exception.attributes?.['exception.stacktrace']).toContain('Error: submit_sm to 138****5678 failed\n    at ');
    expect(span?.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(finished())).not.toMatch(/12345678|482913|7911123456/);
  });

  it('is idempotent: a second start shares the provider and the provider lives until the last holder stops', async () => {
    const second = startTracing({ serviceName: 'billing', exporter: 'none' });
    expect(second.memoryExporter).toBe(tracing.memoryExporter);
    second.tracer.startSpan('from billing').end();
    expect(finished().map((s) => [s.name, s.instrumentationScope.name])).toEqual([['from billing', 'billing']]);

    await second.shutdown();
    await second.shutdown(); // a second call does not release the first holder
    withSpan('still traced', {}, () => undefined);
    expect(finished().map((s) => s.name)).toContain('still traced');
  });

  it('can start afresh after the last holder shut down', async () => {
    const exporter = tracing.memoryExporter;
    await tracing.shutdown();
    tracing = startTracing({ serviceName: 'again', exporter: 'memory' });
    expect(tracing.memoryExporter).not.toBe(exporter);
    withSpan('after restart', {}, () => undefined);
    expect(finished().map((s) => s.name)).toEqual(['after restart']);
  });
});
