import type { CheckpointStore } from '../checkpoint/checkpoint-store.port';
import { EventStoreClosedError, SubscriptionClosedError } from '../errors';
import type { AllFilter, AllSubscription, EventStore, RecordedEvent } from '../event-store.port';

export interface SubscriptionErrorContext {
  name: string;
  /** What failed: loading the checkpoint, reading the subscription, the handler, or saving the checkpoint. */
  stage: 'load-checkpoint' | 'subscribe' | 'handle' | 'save-checkpoint';
  /** 1 for the first failure of this step, counting up while it keeps failing. */
  attempt: number;
  /** Positions of the batch being retried, when there is one. */
  fromPosition?: bigint;
  toPosition?: bigint;
}

export interface RunSubscriptionOptions {
  store: EventStore;
  checkpoints: CheckpointStore;
  /** Checkpoint name; one per consumer (e.g. `outbox:dispatch`, `projection:messages`). */
  name: string;
  filter?: AllFilter;
  /** Largest batch handed to `handle`; a batch holds whatever is available up to this, it never waits to fill up. */
  batchSize?: number;
  /** Must be idempotent: after a crash between handling and checkpointing, the batch is delivered again. */
  handle: (events: RecordedEvent[]) => Promise<void>;
  /** Told about every failure before the retry; the default writes one line to stderr (never the events). */
  onError?: (error: unknown, context: SubscriptionErrorContext) => void;
  /** Backoff between retries: doubles from `initialMs` up to `maxMs`. */
  retry?: { initialMs?: number; maxMs?: number };
}

export interface RunningSubscription {
  /**
   * Stops after the batch in hand (if any) is handled; an unfinished batch is not checkpointed and comes again on
   * resume. A subscription whose store is closed stops by itself.
   */
  stop(): Promise<void>;
  /** Resolves once every matching event that existed when called has been handled and checkpointed. */
  caughtUp(): Promise<void>;
  /** The last checkpointed position (undefined before the first checkpoint exists). */
  position(): bigint | undefined;
}

function defaultOnError(error: unknown, context: SubscriptionErrorContext): void {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(`[event-store] subscription ${context.name} failed at ${context.stage} (attempt ${context.attempt}), retrying: ${message}`);
}

/**
 * Runs a checkpointed catch-up subscription: loads the checkpoint, subscribes after it, hands events to `handle` in
 * batches and saves the checkpoint after each batch succeeds. Failures are reported and retried with backoff, the
 * same batch again, so nothing is ever skipped; a failed subscription is re-opened from the last checkpoint.
 * Services build their outboxes (integration events from committed events) and projections on this.
 */
export function runSubscription(options: RunSubscriptionOptions): RunningSubscription {
  const { store, checkpoints, name, filter, handle } = options;
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const onError = options.onError ?? defaultOnError;
  const initialDelay = options.retry?.initialMs ?? 100;
  const maxDelay = options.retry?.maxMs ?? 10_000;

  let stopped = false;
  let checkpoint: bigint | undefined;
  let subscription: AllSubscription | undefined;
  let wakeSleeper: (() => void) | undefined;
  // Waiters for "handled through position X", and for the next subscription to exist.
  let handledWaiters: { target: bigint; resolve(): void; reject(error: Error): void }[] = [];
  let subscriptionWaiters: { resolve(sub: AllSubscription): void; reject(error: Error): void }[] = [];

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeSleeper = undefined;
        resolve();
      }
      wakeSleeper = done;
    });
  const delayFor = (attempt: number) => Math.min(maxDelay, initialDelay * 2 ** Math.min(attempt - 1, 30));

  /** Runs `step` until it succeeds; after a failure, gives up (false) once the subscription is stopping. */
  async function withRetry(stage: SubscriptionErrorContext['stage'], step: () => Promise<void>, batch?: RecordedEvent[]): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await step();
        return true;
      } catch (error) {
        if (stopped) return false;
        onError(error, { name, stage, attempt, fromPosition: batch?.[0]?.position, toPosition: batch?.[batch.length - 1]?.position });
        await sleep(delayFor(attempt));
        if (stopped) return false;
      }
    }
  }

  function settleHandled(): void {
    if (checkpoint === undefined) return;
    const reached = checkpoint;
    handledWaiters = handledWaiters.filter((waiter) => {
      if (reached < waiter.target) return true;
      waiter.resolve();
      return false;
    });
  }

  async function loop(): Promise<void> {
    if (!(await withRetry('load-checkpoint', async () => void (checkpoint = await checkpoints.load(name))))) return;
    for (let failures = 0; !stopped; ) {
      let current: AllSubscription | undefined;
      try {
        current = store.subscribeToAll({ fromPosition: checkpoint ?? 'start', filter });
        subscription = current;
        for (const waiter of subscriptionWaiters) waiter.resolve(current);
        subscriptionWaiters = [];
        for (;;) {
          const batch = await current.nextBatch(batchSize);
          if (batch.length === 0) break;
          failures = 0;
          const last = batch[batch.length - 1].position;
          if (!(await withRetry('handle', () => handle(batch), batch))) return;
          if (!(await withRetry('save-checkpoint', () => checkpoints.save(name, last), batch))) return;
          checkpoint = last;
          settleHandled();
        }
        if (stopped) return;
        throw new SubscriptionClosedError(`Subscription ${name} ended unexpectedly`);
      } catch (error) {
        // A closed store never comes back: end quietly, as if stopped.
        if (stopped || error instanceof EventStoreClosedError) return;
        subscription = undefined;
        onError(error, { name, stage: 'subscribe', attempt: ++failures });
        await current?.unsubscribe().catch(() => undefined);
        await sleep(delayFor(failures));
      }
    }
  }

  const running = loop()
    .catch((error) => onError(error, { name, stage: 'subscribe', attempt: 1 }))
    .finally(() => {
      stopped = true;
      subscription = undefined;
      const closed = new SubscriptionClosedError(`Subscription ${name} stopped`);
      for (const waiter of handledWaiters) waiter.reject(closed);
      for (const waiter of subscriptionWaiters) waiter.reject(closed);
      handledWaiters = [];
      subscriptionWaiters = [];
    });

  function currentSubscription(): Promise<AllSubscription> {
    if (stopped) return Promise.reject(new SubscriptionClosedError(`Subscription ${name} stopped`));
    if (subscription) return Promise.resolve(subscription);
    return new Promise((resolve, reject) => subscriptionWaiters.push({ resolve, reject }));
  }

  return {
    async stop() {
      if (stopped) return running;
      stopped = true;
      wakeSleeper?.();
      await subscription?.unsubscribe();
      await running;
    },

    async caughtUp() {
      for (;;) {
        const sub = await currentSubscription();
        let delivered: bigint | undefined;
        try {
          delivered = await sub.caughtUp();
        } catch (error) {
          if (!(error instanceof SubscriptionClosedError) || stopped) throw error;
          // The subscription failed and is being replaced: let the loop install its successor, then ask that one.
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        if (delivered === undefined || (checkpoint !== undefined && checkpoint >= delivered)) return;
        const target = delivered;
        await new Promise<void>((resolve, reject) => {
          handledWaiters.push({ target, resolve, reject });
          settleHandled();
        });
        return;
      }
    },

    position: () => checkpoint,
  };
}
