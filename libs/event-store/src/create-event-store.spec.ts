import { createEventStore } from './create-event-store';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { InMemoryEventStore } from './memory/in-memory-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

describe('createEventStore', () => {
  it('builds the adapter a profile asks for', async () => {
    const memory = createEventStore({ kind: 'memory' });
    expect(memory).toBeInstanceOf(InMemoryEventStore);
    const sqlite = createEventStore({ kind: 'sqlite', path: ':memory:' });
    expect(sqlite).toBeInstanceOf(SqliteEventStore);
    // Connecting is lazy: building the client opens no socket.
    const esdb = createEventStore({ kind: 'eventstoredb', url: 'esdb://localhost:2113?tls=false' });
    expect(esdb).toBeInstanceOf(EventStoreDbEventStore);
    await Promise.all([memory.close(), sqlite.close(), esdb.close()]);
  });

  it('fails at start-up when a required setting is missing', () => {
    expect(() => createEventStore({ kind: 'sqlite' })).toThrow(/path/);
    expect(() => createEventStore({ kind: 'eventstoredb' })).toThrow(/url/);
    expect(() => createEventStore({ kind: 'mongo' } as never)).toThrow(/unknown kind/);
  });
});
