import { DELIVERY_REPORT_V1, INBOUND_MESSAGE_V1 } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { InMemoryReadModelDatabase } from '../../test-support';
import { InMemoryWebhookStore, RecordingSignal } from '../test-support';
import { EnqueueDeliveriesHandler } from './handler';

const clock = { now: () => new Date('2026-11-23T10:00:05.000Z') };

const receipt = (id: string, accountId = 'acc-1'): IntegrationEvent => ({
  id,
  type: DELIVERY_REPORT_V1,
  source: '/sms/dispatch',
  time: '2026-11-23T10:00:04.000Z',
  key: accountId,
  data: { messageId: 'm-1', batchId: 'b-1', accountId, outId: 'order-7', phoneNumber: '+8613800138000', status: 'DELIVERED', operator: 'CMCC', operatorMessageId: 'op-1', submittedAt: '2026-11-23T10:00:01.000Z', doneAt: '2026-11-23T10:00:04.000Z', segments: 1 },
  extensions: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
});

describe('EnqueueDeliveriesHandler', () => {
  const setup = async () => {
    const store = new InMemoryWebhookStore();
    await store.save({ accountId: 'acc-1', url: 'https://hooks.acme.example/sms', secret: 'whsec-0123456789abcdef', updatedAt: '2026-11-23T09:00:00.000Z' });
    const db = new InMemoryReadModelDatabase();
    const signal = new RecordingSignal();
    return { store, db, signal, handler: new EnqueueDeliveriesHandler(store, store, db, clock, signal) };
  };

  it('queues the structured-mode CloudEvent of a receipt of an account with a webhook, and wakes the sender', async () => {
    const { store, signal, handler } = await setup();
    await handler.handle(receipt('e-1'));
    const [due] = await store.due('acc-1', Date.parse('2026-11-23T10:00:05.000Z'), 10, new Set());
    expect(due).toMatchObject({ eventId: 'e-1', accountId: 'acc-1', eventType: DELIVERY_REPORT_V1, attempts: 0, queuedAt: Date.parse('2026-11-23T10:00:05.000Z') });
    expect(JSON.parse(due.body as string)).toEqual({
      specversion: '1.0',
      id: 'e-1',
      type: DELIVERY_REPORT_V1,
      source: '/sms/dispatch',
      time: '2026-11-23T10:00:04.000Z',
      datacontenttype: 'application/json',
      data: receipt('e-1').data,
    });
    expect(signal.accounts).toEqual(['acc-1']);
  });

  it('queues a redelivered event once (inbox claim and the event id as key)', async () => {
    const { store, db, signal, handler } = await setup();
    await handler.handle(receipt('e-1'));
    await handler.handle(receipt('e-1'));
    // Even when the inbox forgot it (another consumer name, a restored file), the outbox's key holds.
    db.claims.clear();
    await handler.handle(receipt('e-1'));
    expect(store.rows.size).toBe(1);
    expect(signal.accounts).toEqual(['acc-1']);
  });

  it('queues replies too, and nothing for accounts without a webhook or for other event types', async () => {
    const { store, handler } = await setup();
    await handler.handle({ ...receipt('e-2'), type: INBOUND_MESSAGE_V1, data: { inboundId: 'i-1', accountId: 'acc-1', phoneNumber: '+8613800138000', content: 'TD', receivedAt: '2026-11-23T10:00:00.000Z', optOut: true } });
    await handler.handle(receipt('e-3', 'acc-2'));
    await handler.handle({ ...receipt('e-4'), type: 'sms.delivery-report.v2' });
    expect([...store.rows.keys()]).toEqual(['e-2']);
  });
});
