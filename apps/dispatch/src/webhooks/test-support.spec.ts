import { InMemoryReadModelDatabase } from '../test-support';
import { webhookStoreContract } from './application/webhook-store.contract';
import { InMemoryWebhookStore } from './test-support';

// The in-memory double of the handler specs keeps the same promises as the SQLite adapter.
webhookStoreContract('in-memory (handler specs)', async () => {
  const store = new InMemoryWebhookStore();
  return { subscriptions: store, outbox: store, unitOfWork: new InMemoryReadModelDatabase(), close: async () => undefined };
});
