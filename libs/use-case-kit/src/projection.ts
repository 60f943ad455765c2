import { type AllFilter, type EventStore, type RecordedEvent, runSubscription, type RunningSubscription, type SubscriptionErrorContext } from '@sms/event-store';
import type { EventCodec } from './core/codec';
import type { ProjectionCheckpoints, UnitOfWork } from './ports';

export interface Projected<Event> {
  event: Event;
  recorded: RecordedEvent;
}

export interface ProjectionOptions<Event> {
  store: EventStore;
  codec: EventCodec<Event>;
  /** Checkpoint name, unique per projection. */
  name: string;
  filter: AllFilter;
  db: UnitOfWork & ProjectionCheckpoints;
  /** Applies a batch of committed events to the read model (through repository ports). */
  project(events: Array<Projected<Event>>): Promise<void>;
  batchSize?: number;
  onError?: (error: unknown, context: SubscriptionErrorContext) => void;
}

/**
 * The one projection runner: a checkpointed subscription whose batch of changes and new position commit in one
 * unit of work, so a redelivered batch (after a crash) is either fully applied already or not at all.
 */
export function runProjection<Event>(options: ProjectionOptions<Event>): RunningSubscription {
  const { db, name, codec } = options;
  return runSubscription({
    store: options.store,
    name,
    filter: options.filter,
    batchSize: options.batchSize,
    onError: options.onError,
    // The position is saved inside the transaction below; the runner's own save afterwards has nothing to add.
    checkpoints: { load: (n) => db.load(n), save: async () => undefined },
    handle: async (batch) => {
      const events: Array<Projected<Event>> = [];
      for (const recorded of batch) {
        const event = codec.decode(recorded);
        if (event !== undefined) events.push({ event, recorded });
      }
      await db.transaction(async () => {
        if (events.length > 0) await options.project(events);
        await db.save(name, batch[batch.length - 1].position);
      });
    },
  });
}
