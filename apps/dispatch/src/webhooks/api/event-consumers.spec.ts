import { PUBLIC_TOPICS } from '@sms/contracts';
import { InProcessBus } from '@sms/messaging';
import { InMemoryReadModelDatabase } from '../../test-support';
import { EnqueueDeliveriesHandler } from '../enqueue-deliveries/handler';
import { InMemoryWebhookStore } from '../test-support';
import { WebhookEventConsumers } from './event-consumers';

const clock = { now: () => new Date('2026-11-23T10:00:05.000Z') };
const receipt = (id: string) => ({
  id,
  type: 'sms.delivery-report.v1',
  source: '/sms/dispatch',
  time: '2026-11-23T10:00:04.000Z',
  key: 'acc-1',
  data: { messageId: 'm-1', batchId: 'b-1', accountId: 'acc-1', phoneNumber: '+8613800138000', status: 'DELIVERED', operator: 'CMCC', operatorMessageId: 'op-1', submittedAt: '2026-11-23T10:00:01.000Z', doneAt: '2026-11-23T10:00:04.000Z', segments: 1 },
});

describe('WebhookEventConsumers (the feed of public events)', () => {
  let bus: InProcessBus;
  let store: InMemoryWebhookStore;
  let consumers: WebhookEventConsumers;
  beforeEach(() => {
    bus = new InProcessBus();
    store = new InMemoryWebhookStore();
    consumers = new WebhookEventConsumers(bus, store, new EnqueueDeliveriesHandler(store, store, new InMemoryReadModelDatabase(), clock));
  });
  afterEach(async () => {
    await consumers.onModuleDestroy();
    await bus.close();
  });
  const queued = async () => (await store.due('acc-1', Number.MAX_SAFE_INTEGER, 10, new Set())).map((d) => d.eventId);
  const published = async (id: string) => {
    await bus.publish(PUBLIC_TOPICS.deliveryReceipts, [receipt(id)]);
    await new Promise((resolve) => setTimeout(resolve, 20));
  };

  it('does not read the receipts back while no account has a webhook, and joins once one is set', async () => {
    await consumers.onModuleInit();
    await store.save({ accountId: 'acc-1', url: 'https://hooks.acme.example/sms', secret: 'whsec-0123456789abcdef', updatedAt: '2026-11-23T09:00:00.000Z' });
    await published('before-listen');
    expect(await queued()).toEqual([]);
    await Promise.all([consumers.listen(), consumers.listen()]);
    await published('after-listen');
    expect(await queued()).toEqual(['after-listen']);
  });

  it('joins at start when a webhook already exists', async () => {
    await store.save({ accountId: 'acc-1', url: 'https://hooks.acme.example/sms', secret: 'whsec-0123456789abcdef', updatedAt: '2026-11-23T09:00:00.000Z' });
    await consumers.onModuleInit();
    await published('e-1');
    expect(await queued()).toEqual(['e-1']);
  });
});
