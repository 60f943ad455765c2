export * from './event-store.port';
export * from './errors';
export { matchesFilter } from './core/filter';
export { InMemoryEventStore } from './memory/in-memory-event-store';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb-event-store';
export { CHECKPOINT_STORE, type CheckpointStore } from './checkpoint/checkpoint-store.port';
export { InMemoryCheckpointStore } from './checkpoint/in-memory-checkpoint-store';
export { SqliteCheckpointStore, type SqliteCheckpointStoreOptions } from './checkpoint/sqlite-checkpoint-store';
export {
  runSubscription,
  type RunningSubscription,
  type RunSubscriptionOptions,
  type SubscriptionErrorContext,
} from './projection/run-subscription';
export { createEventStore, type EventStoreConfig } from './create-event-store';
