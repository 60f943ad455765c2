import { notificationStoreContract } from './application/notification-store.contract';
import { InMemoryNotificationStore } from './test-support';

// The in-memory double of the handler specs keeps the same promises as the SQLite adapter.
notificationStoreContract('in-memory (handler specs)', async () => {
  const store = new InMemoryNotificationStore();
  return { store, unitOfWork: store.db, close: async () => undefined };
});
