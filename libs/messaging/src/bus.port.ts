/**
 * The message bus port. Both adapters (Kafka, in-process) give the same guarantees:
 * - at-least-once delivery: a handler may see an event again after a crash or retry, so handlers are idempotent;
 * - order per key: events with the same key reach a consumer group in publish order;
 * - consumer groups: every group gets every event; within a group one member handles each partition;
 * - a failing handler is retried `maxRetries` times, then the event goes to the dead-letter topic and consumption goes on;
 * - `publish` resolves once the events are durable (Kafka: acks=all) — in-process, once every subscribed group has
 *   handled them, so a publisher that checkpoints after `publish` never loses an event across a crash.
 */

/** An integration event in CloudEvents 1.0 terms; the Kafka adapter uses the binary-mode binding (ce_* headers, JSON body = data). */
export interface IntegrationEvent<T = unknown> {
  /** ce_id: unique per event; consumers deduplicate on it. */
  id: string;
  /** ce_type: versioned, e.g. `sms.delivery-report.v1`. */
  type: string;
  /** ce_source: the producing service, e.g. `/sms/dispatch`. */
  source: string;
  /** ce_time: RFC 3339 UTC. */
  time: string;
  /** ce_subject, optional. */
  subject?: string;
  /** Partition key (record key); accountId unless a contract says otherwise. */
  key: string;
  data: T;
  /** Extra headers carried with the event, e.g. W3C `traceparent`/`tracestate`. */
  extensions?: Record<string, string>;
}

export interface DeliveryContext {
  topic: string;
  partition: number;
  offset: string;
  /** 1 on first delivery, incremented on each retry. */
  attempt: number;
}

export type EventHandler = (event: IntegrationEvent, context: DeliveryContext) => Promise<void>;

export interface SubscribeOptions {
  /** Consumer group; every group sees every event once (at least). */
  groupId: string;
  topics: string[];
  handler: EventHandler;
  /** Retries after the first failure before dead-lettering. Default 3. */
  maxRetries?: number;
  /** Delay before the first retry, doubled each time. Default 100 ms. */
  retryBackoffMs?: number;
  /** Where events that exhaust retries go. Default `<topic>.dlt`. */
  deadLetterTopic?: (topic: string) => string;
  /** Where to start when the group has no committed offset. Default 'earliest'. */
  fromBeginning?: boolean;
  /** Kafka: partitions handled at once by this member (order stays per partition). Default 4. In-process: every partition runs in parallel. */
  concurrency?: number;
}

export interface BusSubscription {
  /** Leaves the group: a running handler call finishes and its offset is committed; no new attempt starts. */
  close(): Promise<void>;
}

/** What both adapters return: a subscription that can also stop as a crash would (tests, forced shutdown). */
export interface AbortableSubscription extends BusSubscription {
  /** Leaves at once without waiting for or committing the running handler; its event is redelivered to the group. */
  abort(): Promise<void>;
}

export interface MessageBus {
  publish(topic: string, events: IntegrationEvent[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<BusSubscription>;
  close(): Promise<void>;
}

export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
