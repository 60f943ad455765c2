import { InMemoryReadModelDatabase } from '../../test-support';
import { InMemoryWebhookStore } from '../test-support';
import { RemoveWebhookHandler } from './handler';

const clock = { now: () => new Date('2026-11-23T10:00:00.000Z') };

describe('RemoveWebhookHandler', () => {
  it('removes the webhook and drops what was queued for it and not yet delivered; WEBHOOK_NOT_FOUND the second time', async () => {
    const store = new InMemoryWebhookStore();
    await store.save({ accountId: 'acc-1', url: 'https://hooks.acme.example/sms', secret: 'whsec-0123456789abcdef', updatedAt: '2026-11-23T09:00:00.000Z' });
    await store.enqueue({ eventId: 'e-1', accountId: 'acc-1', eventType: 'sms.delivery-report.v1', body: '{}', queuedAt: 1 });
    await store.enqueue({ eventId: 'e-2', accountId: 'acc-1', eventType: 'sms.delivery-report.v1', body: '{}', queuedAt: 1 });
    await store.delivered('e-2', 1, 2);
    await store.enqueue({ eventId: 'x-1', accountId: 'acc-2', eventType: 'sms.delivery-report.v1', body: '{}', queuedAt: 1 });
    const handler = new RemoveWebhookHandler(store, store, new InMemoryReadModelDatabase(), clock);
    await handler.handle('acc-1');
    expect(await store.find('acc-1')).toBeUndefined();
    expect([(await store.status('e-1'))?.state, (await store.status('e-2'))?.state, (await store.status('x-1'))?.state]).toEqual(['DROPPED', 'DELIVERED', 'PENDING']);
    await expect(handler.handle('acc-1')).rejects.toMatchObject({ code: 'WEBHOOK_NOT_FOUND', status: 404 });
  });
});
