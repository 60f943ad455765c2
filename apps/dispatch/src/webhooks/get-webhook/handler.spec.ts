import { InMemoryWebhookStore } from '../test-support';
import { GetWebhookHandler } from './handler';

describe('GetWebhookHandler', () => {
  it('shows the URL and when it was set, never the secret; WEBHOOK_NOT_FOUND when there is none', async () => {
    const store = new InMemoryWebhookStore();
    await store.save({ accountId: 'acc-1', url: 'https://hooks.acme.example/sms', secret: 'whsec-0123456789abcdef', updatedAt: '2026-11-23T10:00:00.000Z' });
    const handler = new GetWebhookHandler(store);
    const view = await handler.handle('acc-1');
    expect(view).toEqual({ accountId: 'acc-1', url: 'https://hooks.acme.example/sms', updatedAt: '2026-11-23T10:00:00.000Z' });
    expect(JSON.stringify(view)).not.toContain('whsec');
    await expect(handler.handle('acc-2')).rejects.toMatchObject({ code: 'WEBHOOK_NOT_FOUND', status: 404 });
  });
});
