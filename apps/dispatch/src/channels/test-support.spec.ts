import { channelReadModelContract } from './application/channel-read-model.contract';
import { InMemoryChannelReadModel } from './test-support';

// The in-memory double keeps the same promises as the SQLite adapter.
channelReadModelContract('in-memory (handler specs)', async (previous) => (previous ? (previous as InMemoryChannelReadModel).reopen() : new InMemoryChannelReadModel()));
