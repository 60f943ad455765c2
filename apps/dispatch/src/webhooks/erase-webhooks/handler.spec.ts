import { ErasureRegistry } from '@sms/service-kit';
import { InMemoryReadModelDatabase } from '../../test-support';
import { InMemoryWebhookStore } from '../test-support';
import { EraseWebhooksHandler } from './handler';

describe('EraseWebhooksHandler', () => {
  const setup = async () => {
    const store = new InMemoryWebhookStore();
    await store.save({ accountId: 'acc-1', url: 'https://hooks.acme.example/sms', secret: 'whsec-0123456789abcdef', updatedAt: '2026-11-23T09:00:00.000Z' });
    await store.save({ accountId: 'acc-2', url: 'https://hooks.other.example/sms', secret: 'whsec-0123456789abcdef', updatedAt: '2026-11-23T09:00:00.000Z' });
    await store.enqueue({ eventId: 'old', accountId: 'acc-1', eventType: 'sms.inbound-message.v1', body: '{}', queuedAt: Date.parse('2026-01-01T00:00:00.000Z') });
    await store.enqueue({ eventId: 'new', accountId: 'acc-1', eventType: 'sms.inbound-message.v1', body: '{}', queuedAt: Date.parse('2026-03-01T00:00:00.000Z') });
    await store.enqueue({ eventId: 'theirs', accountId: 'acc-2', eventType: 'sms.inbound-message.v1', body: '{}', queuedAt: Date.parse('2026-01-01T00:00:00.000Z') });
    const registry = new ErasureRegistry();
    new EraseWebhooksHandler(registry, store, store, new InMemoryReadModelDatabase()).onModuleInit();
    return { store, participant: registry.all()[0] };
  };

  it('retention: deletes the deliveries queued before the boundary, keeps the webhook', async () => {
    const { store, participant } = await setup();
    expect(participant.name).toBe('dispatch.webhooks');
    await participant.erase({ accountId: 'acc-1', before: '2026-02-01T00:00:00.000Z' });
    expect([...store.rows.keys()].sort()).toEqual(['new', 'theirs']);
    expect(await store.has('acc-1')).toBe(true);
  });

  it('erasure of the account: its webhook and every delivery, nothing of others; again, harmlessly', async () => {
    const { store, participant } = await setup();
    await participant.erase({ accountId: 'acc-1' });
    await participant.erase({ accountId: 'acc-1' });
    expect([...store.rows.keys()]).toEqual(['theirs']);
    expect(await store.accounts()).toEqual(['acc-2']);
  });
});
