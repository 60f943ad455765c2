import { Logger } from '@nestjs/common';
import type { AllFilter, CheckpointStore, EventStore, RecordedEvent, RunningSubscription, RunSubscriptionOptions } from '@sms/event-store';
import { runSubscription } from '@sms/event-store';
import type { IntegrationEvent, MessageBus } from '@sms/messaging';
import { type ProjectionOptions, runProjection } from '@sms/use-case-kit';

export interface OutboxMessage {
  topic: string;
  event: IntegrationEvent;
}

export interface OutboxOptions {
  name: string;
  store: EventStore;
  checkpoints: CheckpointStore;
  bus: MessageBus;
  filter: AllFilter;
  /** Maps one committed domain event to the integration events it publishes (often none). */
  map: (event: RecordedEvent) => OutboxMessage[];
  onError?: (error: unknown) => void;
}

/**
 * Publishes integration events from what the event store committed (STYLE.md §8: no dual writes). The checkpoint
 * moves only after the bus accepted the events, so a crash republishes — consumers deduplicate on the event id,
 * which is the domain event's id.
 */
export function startOutbox(options: OutboxOptions) {
  return runSubscription({
    store: options.store,
    checkpoints: options.checkpoints,
    name: `outbox:${options.name}`,
    filter: options.filter,
    onError: options.onError,
    handle: (events) => publishAll(options.bus, events.flatMap(options.map)),
  });
}

/** Publishes outbox messages with one bus call per topic, in their order within each topic. */
export async function publishAll(bus: MessageBus, messages: OutboxMessage[]): Promise<void> {
  const byTopic = new Map<string, IntegrationEvent[]>();
  for (const { topic, event } of messages) {
    const list = byTopic.get(topic);
    if (list) list.push(event);
    else byTopic.set(topic, [event]);
  }
  for (const [topic, list] of byTopic) await bus.publish(topic, list);
}

/**
 * The checkpointed subscriptions (outboxes, projections) one provider runs: each logs its failures through a Nest
 * logger named after the provider and is retried; all are awaited together and stopped together on shutdown.
 */
export class SubscriptionPipelines {
  private readonly logger: Logger;
  private readonly running: RunningSubscription[] = [];

  constructor(context: string) {
    this.logger = new Logger(context);
  }

  /** Runs a checkpointed subscription; `label` names it in the failure log (default: its checkpoint name). */
  run(options: Omit<RunSubscriptionOptions, 'onError'>, label: string = options.name): RunningSubscription {
    return this.keep(runSubscription({ ...options, onError: this.reportAs(label) }));
  }

  /** Starts a projection (the use-case kit's runner: changes and position in one unit of work), logged under `label`. */
  projection<Event>(options: Omit<ProjectionOptions<Event>, 'onError'>, label: string = options.name): RunningSubscription {
    return this.keep(runProjection({ ...options, onError: this.reportAs(label) }));
  }

  /** Starts an outbox (see startOutbox); its failures are logged as `outbox failed, retrying: …`. */
  outbox(options: Omit<OutboxOptions, 'onError'>): RunningSubscription {
    return this.keep(startOutbox({ ...options, onError: this.reportAs('outbox') }));
  }

  /** Resolves once every pipeline has handled everything committed so far. */
  async caughtUp(): Promise<void> {
    await Promise.all(this.running.map((r) => r.caughtUp()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.running.map((r) => r.stop()));
  }

  private keep(running: RunningSubscription): RunningSubscription {
    this.running.push(running);
    return running;
  }

  private reportAs(label: string): (error: unknown) => void {
    return (error) => this.logger.error(`${label} failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Builds an integration event whose id, time and trace context come from the committed domain event. */
export function integrationEvent<T>(recorded: RecordedEvent, type: string, source: string, key: string, data: T, index = 0): IntegrationEvent<T> {
  const metadata = recorded.metadata as Record<string, unknown>;
  const extensions: Record<string, string> = {};
  if (typeof metadata?.traceparent === 'string') extensions.traceparent = metadata.traceparent;
  if (typeof metadata?.tracestate === 'string') extensions.tracestate = metadata.tracestate;
  return {
    // One domain event may fan out to several integration events; each needs its own stable id.
    id: index === 0 ? recorded.id : `${recorded.id}:${index}`,
    type,
    source,
    time: recorded.created.toISOString(),
    key,
    data,
    extensions,
  };
}
