import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { scheduledBatchesContract } from '../application/scheduled-batches.contract';
import { SqliteScheduledBatches } from './sqlite-scheduled-batches';

scheduledBatchesContract('SQLite', async () => {
  const db = new DatabaseSync(':memory:');
  return { repository: new SqliteScheduledBatches(db), close: async () => db.close() };
});

describe('SqliteScheduledBatches', () => {
  it('keeps what waits across a restart (the file is the schedule)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scheduled-'));
    try {
      const first = new DatabaseSync(join(dir, 'dispatch.db'));
      await new SqliteScheduledBatches(first).plan([{ batchId: 'b-1', accountId: 'acc-1', dueAt: '2026-12-01T08:00:00.000Z' }]);
      first.close();
      const second = new DatabaseSync(join(dir, 'dispatch.db'));
      expect(await new SqliteScheduledBatches(second).due('2026-12-01T08:00:00.000Z', 10)).toEqual([{ batchId: 'b-1', accountId: 'acc-1', dueAt: '2026-12-01T08:00:00.000Z' }]);
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
