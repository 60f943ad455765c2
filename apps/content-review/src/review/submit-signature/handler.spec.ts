import { InMemoryEventStore } from '@sms/event-store';
import { startTracing, withSpan } from '@sms/observability';
import { DomainError } from '@sms/service-kit';
import { REVIEW_EVENTS, signatureStream } from '../domain/events';
import { createSignatures } from '../application/review-streams';
import { SubmitSignatureHandler } from './handler';

const clock = { now: () => new Date('2026-03-01T08:00:00.000Z') };
const input = { accountId: 'acc-1', name: ' 阿里云 ', purpose: 'company', documents: [{ kind: 'business-licence', reference: 'BL-1' }] };

describe('SubmitSignatureHandler (CommandHandler over an in-memory event store)', () => {
  let store: InMemoryEventStore;

  beforeEach(() => {
    store = new InMemoryEventStore();
  });

  afterEach(async () => {
    await store.close();
  });

  it('opens a signature stream with the submission under its stored type, and answers the pending signature', async () => {
    const signature = await new SubmitSignatureHandler(createSignatures(store), clock).handle(input);
    expect(signature).toMatchObject({ accountId: 'acc-1', name: '阿里云', status: 'PENDING_REVIEW', submittedAt: '2026-03-01T08:00:00.000Z' });
    const events = await store.readStream(signatureStream(signature.signatureId));
    expect(events.map((e) => [e.type, e.revision])).toEqual([[REVIEW_EVENTS.signatureSubmitted, 0n]]);
    expect(events[0].data).toEqual({
      signatureId: signature.signatureId,
      accountId: 'acc-1',
      name: '阿里云',
      purpose: 'company',
      documents: [{ kind: 'business-licence', reference: 'BL-1' }],
      submittedAt: '2026-03-01T08:00:00.000Z',
    });
  });

  it('records the trace context of the request on the event, so the outbox continues the trace', async () => {
    const tracing = startTracing({ serviceName: 'content-review', exporter: 'memory' });
    try {
      const signature = await withSpan('POST /v1/signatures', {}, () => new SubmitSignatureHandler(createSignatures(store), clock).handle(input));
      const [event] = await store.readStream(signatureStream(signature.signatureId));
      const [span] = tracing.memoryExporter?.getFinishedSpans() ?? [];
      expect(event.metadata.traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    } finally {
      await tracing.shutdown();
    }
  });

  it('refuses an invalid submission with VALIDATION_FAILED and appends nothing', async () => {
    const handler = new SubmitSignatureHandler(createSignatures(store), clock);
    const error = await handler.handle({ ...input, name: '【阿里云】' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    // The next event the store takes is its first.
    const { signatureId } = await handler.handle(input);
    expect((await store.readStream(signatureStream(signatureId)))[0].position).toBe(1n);
  });
});
