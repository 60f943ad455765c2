import { describeEventStoreContract } from '../contract/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// No EventStoreDB server can run on the build machines (ARCHITECTURE.md); the compose file provides one elsewhere.
const url = process.env.EVENTSTORE_URL;

describeEventStoreContract(
  'EventStoreDB adapter',
  async () => {
    const store = EventStoreDbEventStore.connect(String(url));
    return { store, cleanup: () => store.close() };
  },
  url ? {} : { skip: 'set EVENTSTORE_URL=esdb://localhost:2113?tls=false to run' },
);
