import { MESSAGES_ACCEPTED_V1, type MessagesAcceptedV1, SOURCES } from '@sms/contracts';
import { type EventStore, InMemoryEventStore } from '@sms/event-store';
import type { IntegrationEvent } from '@sms/messaging';
import { deterministicId } from '@sms/service-kit';
import { ephemeralDataProtection } from '@sms/data-protection';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import { randomUUID } from 'node:crypto';
import type { HeldMessageStore } from '../../review/application/held-messages';
import { SqliteHeldMessageStore } from '../../review/infrastructure/sqlite-held-message-store';
import { createTemplates, type Templates } from '../../review/application/review-streams';
import { DecideTemplateHandler } from '../../review/decide-template/handler';
import { SubmitTemplateHandler } from '../../review/submit-template/handler';
import { SCREENING_EVENTS, screeningStream } from '../domain/batch-screening';
import { ScreenBatchHandler } from './handler';
import { CurrentLexicon } from '../../lexicon/application/current-lexicon';
import { decideLexicon, evolveLexicon, initialLexiconState } from '../../lexicon/domain/lexicon';
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
  let closeHeld: () => void;
  let held: HeldMessageStore;
  let protection: ReturnType<typeof ephemeralDataProtection>;

  beforeEach(() => {
    store = new InMemoryEventStore();
    templates = createTemplates(store);
    // The held messages' real SQLite store, in memory, with a real (ephemeral) key ring.
    protection = ephemeralDataProtection();
    ({ store: held, close: closeHeld } = SqliteHeldMessageStore.inMemory(protection.ring));
  });

  afterEach(async () => {
    await store.close();
    closeHeld();
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
    expect(await new ScreenBatchHandler(store, templates, clock, held).handle(event)).toBe('screened');

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
    await new ScreenBatchHandler(store, templates, clock, held).handle(event);
    const again = new ScreenBatchHandler(store, createTemplates(store), clock, held);
    expect(await again.handle(event)).toBe('already-screened');
    expect(await again.handle(accepted(batch))).toBe('already-screened');
    expect(await store.readStream(screeningStream(batch.batchId))).toHaveLength(1);
  });

  it('clears what the reviewer accepted with the approved template, for the template account only', async () => {
    const templateId = await approvedTemplate();
    const handler = new ScreenBatchHandler(store, templates, clock, held);
    const own = batchOf(templateId, [message('m1', '【阿里云】详情请加微信咨询')]);
    await handler.handle(accepted(own));
    expect((await store.readStream(screeningStream(own.batchId)))[0].data).toMatchObject({ cleared: [{ messageId: 'm1' }], held: [] });

    const foreign = batchOf(templateId, [message('m1', '【阿里云】详情请加微信咨询')], 'acc-2');
    await handler.handle(accepted(foreign));
    expect((await store.readStream(screeningStream(foreign.batchId)))[0].data).toMatchObject({ cleared: [], held: [{ messageId: 'm1', category: 'fraud' }] });
  });

  it('waives a runtime REVIEW term the reviewer accepted in the template wording, screening both with one lexicon version (ADR 0035)', async () => {
    const lexicon = new CurrentLexicon();
    const decision = decideLexicon(
      { type: 'AddTerm', termId: 'term-1', term: '星辰物流', category: 'fraud', action: 'REVIEW', addedBy: 'reviewer-1', now: clock.now() },
      initialLexiconState(),
    );
    if (!decision.ok) throw new Error(decision.rejection.detail);
    lexicon.apply(decision.events.reduce(evolveLexicon, initialLexiconState()));
    const content = '您的订单已由星辰物流发出，请注意查收';
    const { templateId, screening } = await new SubmitTemplateHandler(templates, clock, lexicon).handle({ accountId: 'acc-1', name: 'ship', kind: 'notification', content });
    expect(screening.outcome).toBe('REVIEW');
    await new DecideTemplateHandler(templates, clock).handle({ templateId, approve: true });

    const handler = new ScreenBatchHandler(store, templates, clock, held, lexicon);
    const own = batchOf(templateId, [message('m1', `【星辰】${content}`)]);
    await handler.handle(accepted(own));
    expect((await store.readStream(screeningStream(own.batchId)))[0].data).toMatchObject({ cleared: [{ messageId: 'm1' }], held: [] });
  });

  it('reads two streams and appends once per batch, whatever its size (no per-message reads or writes)', async () => {
    const templateId = await approvedTemplate();
    const { store: counted, calls } = counting(store);
    const handler = new ScreenBatchHandler(counted, createTemplates(counted), clock, held);
    const batch = batchOf(
      templateId,
      Array.from({ length: 1000 }, (_, i) => message(`m${i}`, `【阿里云】您的验证码为${100000 + i}，详情请加微信咨询`)),
    );
    await handler.handle(accepted(batch));
    expect(calls).toEqual({ reads: 2, appends: 1 });
    const [screened] = await store.readStream(screeningStream(batch.batchId));
    expect((screened.data as { cleared: unknown[] }).cleared).toHaveLength(1000);
  });

  it('records what it held with the text sealed, once, whatever the redeliveries (ADR 0036)', async () => {
    const batch = batchOf('tpl-unknown', [message('m1', '【阿里云】您的订单已发货'), message('m2', '【阿里云】详情请加微信咨询'), message('m3', '【阿里云】网上赌 博')]);
    const event = accepted(batch);
    const handler = new ScreenBatchHandler(store, templates, clock, held);
    await handler.handle(event);
    await handler.handle(event);
    const expected = {
      messageId: 'm2',
      batchId: batch.batchId,
      accountId: 'acc-1',
      kind: 'notification',
      category: 'fraud',
      terms: ['加微信'],
      segments: 1,
      countryCode: 'CN',
      operator: 'CMCC',
      heldAt: '2026-03-01T08:00:01.000Z',
    };
    expect(await held.pending({ limit: 10 })).toEqual([{ ...expected, text: '【阿里云】详情请加微信咨询' }]);
    expect(await held.find('m2')).toEqual(expected);
    expect(await held.find('m1')).toBeUndefined();
    expect(await held.find('m3')).toBeUndefined();
    // Erasure destroys the account's key: the text reads [destroyed], the rest stays.
    protection.ring.destroy('acc-1');
    expect(await held.pending({ limit: 10 })).toEqual([{ ...expected, text: PERSONAL_DATA_DESTROYED }]);
  });

  it('fills in the held messages a crash lost between the append and the rows, on the redelivery (ADR 0036)', async () => {
    const batch = batchOf('tpl-unknown', [message('m1', '【阿里云】详情请加微信咨询')]);
    const event = accepted(batch);
    // The crash: the screening is appended, the held rows are never written.
    const failing: HeldMessageStore = {
      record: async () => Promise.reject(new Error('crash')),
      find: (id) => held.find(id),
      pending: (query) => held.pending(query),
      decided: (id, at) => held.decided(id, at),
    };
    await expect(new ScreenBatchHandler(store, templates, clock, failing).handle(event)).rejects.toThrow('crash');
    expect(await store.readStream(screeningStream(batch.batchId))).toHaveLength(1);
    expect(await held.find('m1')).toBeUndefined();

    // The redelivery screens nothing again, but records what the stream held.
    expect(await new ScreenBatchHandler(store, createTemplates(store), clock, held).handle(event)).toBe('already-screened');
    expect(await held.pending({ limit: 10 })).toMatchObject([{ messageId: 'm1', category: 'fraud', heldAt: '2026-03-01T08:00:01.000Z', text: '【阿里云】详情请加微信咨询' }]);
    expect(await store.readStream(screeningStream(batch.batchId))).toHaveLength(1);
  });

  it('refuses a malformed payload (the bus retries, then dead-letters it)', async () => {
    const event = accepted(batchOf('tpl-1', []));
    await expect(new ScreenBatchHandler(store, templates, clock, held).handle({ ...event, data: { ...event.data, messages: 'x' } })).rejects.toBeInstanceOf(InvalidPayloadError);
  });
});
