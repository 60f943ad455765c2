import { InMemoryReadModelDatabase } from '../test-support';
import { statisticsStoreContract } from './application/statistics-store.contract';
import { StatisticsFeedingReadModel } from './test-support';

statisticsStoreContract('in memory (the pure projection)', async () => {
  const messages = new StatisticsFeedingReadModel();
  return { messages, statistics: messages.statistics, unitOfWork: new InMemoryReadModelDatabase(), close: async () => undefined };
});
