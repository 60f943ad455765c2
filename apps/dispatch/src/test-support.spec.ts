import { balanceViewContract } from './messages/application/balance-view.contract';
import { messageReadModelContract } from './messages/application/message-read-model.contract';
import { scheduledBatchesContract } from './messages/application/scheduled-batches.contract';
import { InMemoryBalanceView, InMemoryMessageReadModel, InMemoryReadModelDatabase, InMemoryScheduledBatches } from './test-support';

scheduledBatchesContract('in-memory (handler specs)', async () => ({ repository: new InMemoryScheduledBatches(), close: async () => undefined }));

// The in-memory double of the handler specs keeps the same promises as the SQLite adapter.
messageReadModelContract('in-memory (handler specs)', async () => ({
  repository: new InMemoryMessageReadModel(),
  unitOfWork: new InMemoryReadModelDatabase(),
  close: async () => undefined,
}));

balanceViewContract('in-memory (handler specs)', async () => ({ repository: new InMemoryBalanceView(), unitOfWork: new InMemoryReadModelDatabase(), close: async () => undefined }), { durable: false });

describe('InMemoryReadModelDatabase', () => {
  it('claims once, and forgets the claims of a unit that failed', async () => {
    const db = new InMemoryReadModelDatabase();
    expect(await db.transaction(() => db.claim('c', 'e-1'))).toBe(true);
    expect(await db.transaction(() => db.claim('c', 'e-1'))).toBe(false);
    await expect(
      db.transaction(async () => {
        await db.claim('c', 'e-2');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.transaction(() => db.claim('c', 'e-2'))).toBe(true);
  });
});
