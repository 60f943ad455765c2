import { ephemeralDataProtection } from '@sms/data-protection';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { batchOf } from '../../messages/application/message-read-model.contract';
import { openDispatchDatabase } from '../../messages/infrastructure/dispatch-database';
import { SqliteMessageReadModel } from '../../messages/infrastructure/sqlite-message-read-model';
import { statisticsStoreContract } from '../application/statistics-store.contract';
import { statisticsRows } from '../domain/statistics-rows';
import { SqliteStatisticsStore } from './sqlite-statistics-store';

statisticsStoreContract('SQLite', async () => {
  const db = new DatabaseSync(':memory:');
  const messages = new SqliteMessageReadModel(db, ephemeralDataProtection());
  const statistics = new SqliteStatisticsStore(db);
  messages.feedChangesTo(statistics.feed);
  return { messages, statistics, unitOfWork: new SqliteReadModelDatabase(db), close: async () => db.close() };
});

describe('SqliteStatisticsStore on a file that held messages before statistics', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dispatch-statistics-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the buckets from the messages already there, once, and keeps them in step after', async () => {
    const path = join(dir, 'dispatch.db');
    const protection = ephemeralDataProtection();
    const old = openDispatchDatabase(path);
    const before = new SqliteMessageReadModel(old.db, protection);
    const ids = Array.from({ length: 250 }, (_, i) => `m-${i}`);
    await old.readModels.transaction(async () => {
      await before.insertBatches([batchOf('b-1', ids.slice(0, 200)), batchOf('b-2', ids.slice(200), { acceptedAt: '2026-11-24T10:00:00.000Z' })]);
      await before.advance(ids.map((messageId) => ({ messageId, status: 'SUBMITTED', submittedAt: '2026-11-23T10:00:01.000Z', channelId: 'smpp-default' })));
      await before.advance(ids.slice(0, 150).map((messageId) => ({ messageId, status: 'DELIVERED', doneAt: '2026-11-23T10:00:03.000Z' })));
    });
    old.db.close();

    const period = { accountId: 'acc-1', fromHour: Math.floor(Date.parse('2026-11-23T00:00:00Z') / 3_600_000), toHour: Math.floor(Date.parse('2026-11-25T00:00:00Z') / 3_600_000) };
    const start = () => {
      const file = openDispatchDatabase(path);
      const messages = new SqliteMessageReadModel(file.db, protection);
      const statistics = new SqliteStatisticsStore(file.db);
      messages.feedChangesTo(statistics.feed);
      return { ...file, messages, statistics };
    };
    const summary = async (statistics: SqliteStatisticsStore) =>
      statisticsRows('day', await statistics.totals({ ...period, groupBy: 'day' })).map((r) => [r.key, r.submitted, r.delivered, r.billedSegments]);

    const first = start();
    expect(await summary(first.statistics)).toEqual([
      ['2026-11-23', 200, 150, 200],
      ['2026-11-24', 50, 0, 50],
    ]);
    await first.readModels.transaction(() => first.messages.advance([{ messageId: 'm-210', status: 'DELIVERED', doneAt: '2026-11-24T10:00:05.000Z' }]));
    first.db.close();

    // A restart finds the buckets built: nothing is counted twice.
    const second = start();
    expect(await summary(second.statistics)).toEqual([
      ['2026-11-23', 200, 150, 200],
      ['2026-11-24', 50, 1, 50],
    ]);
    second.db.close();
  });
});
