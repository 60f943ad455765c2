import { DatabaseSync } from 'node:sqlite';
import { CarrierStore } from './carrier-store';

describe('CarrierStore (SQLite)', () => {
  it('adds the submit time to a tracking table written before it existed, and reports it with the receipt', () => {
    const db = new DatabaseSync(':memory:');
    db.exec(`CREATE TABLE tracking (message_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, batch_id TEXT NOT NULL,
      expected INTEGER NOT NULL, receipts TEXT NOT NULL DEFAULT '[]', reported INTEGER NOT NULL DEFAULT 0)`);
    const store = new CarrierStore(db);
    store.recordSubmissions('ch', [
      { messageId: 'm-1', batchId: 'b-1', accountId: 'acc-1', status: 'SUBMITTED', segmentsSubmitted: 1, segmentsFailed: 0, operatorMessageIds: ['op-1'], submittedAt: '2026-11-23T10:00:00.000Z' },
    ]);
    expect(store.applyReceipts([{ channelId: 'ch', operatorMessageId: 'op-1', status: 'DELIVERED', doneAt: '2026-11-23T10:00:01.000Z' }])).toEqual([]);
    const delivery = store.takePending(10).find((p) => p.kind === 'delivery');
    expect(JSON.parse(delivery?.payload ?? '[]')).toEqual([
      { messageId: 'm-1', batchId: 'b-1', accountId: 'acc-1', operatorMessageId: 'op-1', status: 'DELIVERED', submittedAt: '2026-11-23T10:00:00.000Z', doneAt: '2026-11-23T10:00:01.000Z' },
    ]);
  });

  it('keeps a receipt whose operator id it does not know yet, for a later try', () => {
    const store = new CarrierStore(new DatabaseSync(':memory:'));
    const early = { channelId: 'ch', operatorMessageId: 'op-9', status: 'DELIVERED' as const, doneAt: '2026-11-23T10:00:01.000Z' };
    expect(store.applyReceipts([early])).toEqual([early]);
  });
});
