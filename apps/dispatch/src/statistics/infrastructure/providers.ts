import type { Provider } from '@nestjs/common';
import { MESSAGE_READ_MODEL } from '../../messages/application/tokens';
import type { DispatchSqlite } from '../../messages/infrastructure/dispatch-database';
import { DISPATCH_SQLITE } from '../../messages/infrastructure/providers';
import { SqliteMessageReadModel } from '../../messages/infrastructure/sqlite-message-read-model';
import { STATISTICS_STORE } from '../application/tokens';
import { SqliteStatisticsStore } from './sqlite-statistics-store';

/**
 * The buckets live in dispatch's read-model file and are fed by the message read model's writes, from before the
 * first consumer runs (providers are built before any lifecycle hook): no status change goes uncounted.
 */
export const STATISTICS_INFRASTRUCTURE: Provider[] = [
  {
    provide: STATISTICS_STORE,
    inject: [DISPATCH_SQLITE, MESSAGE_READ_MODEL],
    useFactory: (sqlite: DispatchSqlite, messages: unknown) => {
      if (!(messages instanceof SqliteMessageReadModel)) throw new Error('Statistics are fed by the SQLite message read model, which this process does not use');
      const statistics = new SqliteStatisticsStore(sqlite.db);
      messages.feedChangesTo(statistics.feed);
      return statistics;
    },
  },
];
