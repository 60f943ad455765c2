import { MESSAGES_ACCEPTED_V1, type MessagesAcceptedV1, SOURCES } from '@sms/contracts';
import { type EventStore, InMemoryEventStore } from '@sms/event-store';
import type { IntegrationEvent } from '@sms/messaging';
import { deterministicId } from '@sms/service-kit';
import { randomUUID } from 'node:crypto';
import { createTemplates, type Templates } from '../../review/application/review-streams';
import { DecideTemplateHandler } from '../../review/decide-template/handler';
import { SubmitTemplateHandler } from '../../review/submit-template/handler';
import { SCREENING_EVENTS, screeningStream } from '../domain/batch-screening';
import { ScreenBatchHandler } from './handler';
import { InvalidPayloadError } from './messages-accepted.payload';

const clock = { now: () => new Date('2026-03-01T08:00:01.000Z') };
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

const message = (messageId: string, text: string): MessagesAcceptedV1['messages'][number] => ({
  messageId,
  phoneNumber: '+8613800138000',
  countryCode: 'CN',
  operator: 'CMCC',
  segments: 1,
  encoding: 'ucs2',
  text,
});

const batchOf = (templateId: string, messages: MessagesAcceptedV1['messages'], accountId = 'acc-1'): MessagesAcceptedV1 => ({
  batchId: randomUUID(),
  accountId,
  kind: 'notification',
  signatureId: 'sig-1',
  templateId,
  acceptedAt: '2026-03-01T08:00:00.000Z',
  messages,
});

const accepted = (batch: MessagesAcceptedV1, id = randomUUID()): IntegrationEvent<MessagesAcceptedV1> => ({
  id,
  type: MESSAGES_ACCEPTED_V1,
  source: SOURCES.dispatch,
  time: batch.acceptedAt,
  key: batch.accountId,
  data: batch,
  extensions: { traceparent: TRACEPARENT },
});

/** A store that counts what reaches it. */
function counting(store: EventStore) {
  const calls = { reads: 0, appends: 0 };
  const wrapped: EventStore = {
    appendToStream: (...args) => {
      calls.appends++;
      return store.appendToStream(...args);
    },
    readStream: (...args) => {
      calls.reads++;
      return store.readStream(...args);
    },
    subscribeToAll: (...args) => store.subscribeToAll(...args),
    close: () => store.close(),
  };
  return { store: wrapped, calls };
}

describe('ScreenBatchHandler (the screening workflow through a CommandHandler over an in-memory event store)', () => {
  let store: InMemoryEventStore;
  let templates: Templates;

  beforeEach(() => {
    store = new InMemoryEventStore();
    templates = createTemplates(store);
  });

  afterEach(async () => {
    await store.close();
  });

  /** An approved template of acc-1 whose wording a reviewer accepted with its REVIEW finding (加微信). */
  async function approvedTemplate(): Promise<string> {
    const { templateId } = await new SubmitTemplateHandler(templates, clock).handle({ accountId: 'acc-1', name: 'contact', kind: 'notification', content: '详情请加微信咨询' });
    await new DecideTemplateHandler(templates, clock).handle({ templateId, approve: true });
    return templateId;
  }

  it('records the screening in one event on the batch screening stream, its id derived from the consumed event, the trace carried on', async () => {
    const batch = batchOf('tpl-unknown', [message('m1', '【阿里云】您的验证码为123456，5分钟内有效。'), message('m2', '【阿里云】网上赌 博')]);
    const event = accepted(batch);
    expect(await new ScreenBatchHandler(store, templates, clock).handle(event)).toBe('screened');

    const recorded = await store.readStream(screeningStream(batch.batchId));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      id: deterministicId(event.id, 'screened'),
      type: SCREENING_EVENTS.batchScreened,
      metadata: { causationId: event.id, traceparent: TRACEPARENT },
      data: {
        batchId: batch.batchId,
        accountId: 'acc-1',
        kind: 'notification',
        screenedAt: '2026-03-01T08:00:01.000Z',
        cleared: [{ messageId: 'm1', segments: 1, countryCode: 'CN', operator: 'CMCC' }],
        blocked: [{ messageId: 'm2', category: 'gambling', terms: ['赌博'] }],
        held: [],
      },
    });
  });

  it('appends nothing for a redelivery, nor for the same batch under a new event id, even in a fresh instance', async () => {
    const batch = batchOf('tpl-unknown', [message('m1', '【阿里云】您的订单已发货')]);
    const event = accepted(batch);
    await new ScreenBatchHandler(store, templates, clock).handle(event);
    const again = new ScreenBatchHandler(store, createTemplates(store), clock);
    expect(await again.handle(event)).toBe('already-screened');
    expect(await again.handle(accepted(batch))).toBe('already-screened');
    expect(await store.readStream(screeningStream(batch.batchId))).toHaveLength(1);
  });

  it('clears what the reviewer accepted with the approved template, for the template account only', async () => {
    const templateId = await approvedTemplate();
    const handler = new ScreenBatchHandler(store, templates, clock);
    const own = batchOf(templateId, [message('m1', '【阿里云】详情请加微信咨询')]);
    await handler.handle(accepted(own));
    expect((await store.readStream(screeningStream(own.batchId)))[0].data).toMatchObject({ cleared: [{ messageId: 'm1' }], held: [] });

    const foreign = batchOf(templateId, [message('m1', '【阿里云】详情请加微信咨询')], 'acc-2');
    await handler.handle(accepted(foreign));
    expect((await store.readStream(screeningStream(foreign.batchId)))[0].data).toMatchObject({ cleared: [], held: [{ messageId: 'm1', category: 'fraud' }] });
  });

  it('reads two streams and appends once per batch, whatever its size (no per-message reads or writes)', async () => {
    const templateId = await approvedTemplate();
    const { store: counted, calls } = counting(store);
    const handler = new ScreenBatchHandler(counted, createTemplates(counted), clock);
    const batch = batchOf(
      templateId,
      Array.from({ length: 1000 }, (_, i) => message(`m${i}`, `【阿里云】您的验证码为${100000 + i}，详情请加微信咨询`)),
    );
    await handler.handle(accepted(batch));
    expect(calls).toEqual({ reads: 2, appends: 1 });
    const [screened] = await store.readStream(screeningStream(batch.batchId));
    expect((screened.data as { cleared: unknown[] }).cleared).toHaveLength(1000);
  });

  it('refuses a malformed payload (the bus retries, then dead-letters it)', async () => {
    const event = accepted(batchOf('tpl-1', []));
    await expect(new ScreenBatchHandler(store, templates, clock).handle({ ...event, data: { ...event.data, messages: 'x' } })).rejects.toBeInstanceOf(InvalidPayloadError);
  });
});
