import type { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { InMemoryEventStore } from './memory/in-memory-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export type EventStoreConfig =
  | { kind: 'memory' }
  /** `path` of the SQLite file (its directory is created) or ':memory:'. */
  | { kind: 'sqlite'; path?: string; pollIntervalMs?: number }
  /** `url`: an esdb:// (or kurrentdb://) connection string. */
  | { kind: 'eventstoredb'; url?: string };

/** Picks the adapter for a profile (ARCHITECTURE.md "Profiles"); a missing path/url fails here, at start-up. */
export function createEventStore(config: EventStoreConfig): EventStore {
  switch (config.kind) {
    case 'memory':
      return new InMemoryEventStore();
    case 'sqlite':
      if (!config.path) throw new Error("createEventStore: kind 'sqlite' needs a path (a file, or ':memory:')");
      return new SqliteEventStore(config.path, { pollIntervalMs: config.pollIntervalMs });
    case 'eventstoredb':
      if (!config.url) throw new Error("createEventStore: kind 'eventstoredb' needs a url (esdb://host:2113?tls=false)");
      return EventStoreDbEventStore.connect(config.url);
    default:
      throw new Error(`createEventStore: unknown kind ${String((config as { kind?: unknown }).kind)}`);
  }
}
