import { reconciliationStoreContract } from './application/reconciliation-store.contract';
import { InMemoryReconciliation } from './test-support';

reconciliationStoreContract('in memory (handler specs)', async () => {
  const memory = new InMemoryReconciliation();
  return { store: memory, statements: memory, unitOfWork: memory, close: async () => undefined };
});
