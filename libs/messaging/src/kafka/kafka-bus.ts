/**
 * The Kafka adapter (kafkajs). One shared producer (acks=all, idempotent by default) and one consumer per
 * subscription.
 *
 * Publishing: concurrent `publish` calls are coalesced — while one `sendBatch` is in flight the next calls queue
 * and go out together in the following one — so many small publishes cost few round trips and per-key order holds.
 *
 * Consuming: `eachBatch` with manual offsets. Each record is parsed (a malformed one is dead-lettered at once), then
 * handled with retries and backoff; on exhaustion it goes to the dead-letter topic; then its offset is resolved.
 * Offsets are committed after handling (at-least-once): at the end of every batch, every 1,000 records, and before
 * a rebalance. A member heartbeats between records and while waiting to retry.
 */
import {
  CompressionTypes,
  Kafka,
  logLevel as KafkaLogLevel,
  Partitioners,
  type Consumer,
  type EachBatchPayload,
  type IHeaders,
  type KafkaMessage,
  type LogEntry,
  type Message,
  type Producer,
} from 'kafkajs';
import type { AbortableSubscription, IntegrationEvent, MessageBus, SubscribeOptions } from '../bus.port';
import { fromKafkaRecord, toKafkaRecord, type OutgoingRecord } from '../cloudevents';
import { deadLetterExtensions, defaultDeadLetterTopic, deliver, retryPolicy, type RetryPolicy } from '../delivery';
import { BusClosedError } from '../errors';
import { defaultBusLogger, describeError, type BusLogger } from '../logger';
import { injectActiveContext } from '../tracing';

export type KafkaBusLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

export interface KafkaConsumerTuning {
  /** Default 6000 (the librdkafka mock needs ≤ 6000; real brokers accept it too). */
  sessionTimeout?: number;
  /** Default 1000. */
  heartbeatInterval?: number;
  /**
   * Default 20. How long a fetch waits for records. A broker answers a waiting fetch as soon as records arrive, but
   * the librdkafka mock cluster of our tests and bench does not, so every hop waited up to this long: at 100 ms the
   * four hops from acceptance to submission made p99 accept→submit ~350 ms at half load; at 20 ms, under 100 ms.
   * The price is about 50 empty fetches a second per idle consumer.
   */
  maxWaitTimeInMs?: number;
  /** Default 30000. */
  rebalanceTimeout?: number;
  /** How long `subscribe` waits for the group join. Default 30000. */
  joinTimeoutMs?: number;
}

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  /** Idempotent producer (needs a broker that reports a real controller; the test launcher patches the mock). Default true. */
  idempotent?: boolean;
  compression?: 'gzip' | 'none';
  /** kafkajs' own logging, forwarded to `logger`. Default 'warn'. */
  logLevel?: KafkaBusLogLevel;
  logger?: BusLogger;
  consumer?: KafkaConsumerTuning;
}

const LOG_LEVELS: Record<KafkaBusLogLevel, KafkaLogLevel> = {
  nothing: KafkaLogLevel.NOTHING,
  error: KafkaLogLevel.ERROR,
  warn: KafkaLogLevel.WARN,
  info: KafkaLogLevel.INFO,
  debug: KafkaLogLevel.DEBUG,
};

/** Commit inside a long batch at least this often, bounding redelivery after a crash. */
const COMMIT_EVERY_RECORDS = 1000;
const COMMIT_EVERY_MS = 1000;
/** Upper bound of records per coalesced sendBatch; one publish call is never split. */
const MAX_RECORDS_PER_SEND = 10_000;

interface PendingSend {
  topic: string;
  messages: Message[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

function toMessage(record: OutgoingRecord): Message {
  return { key: record.key, value: record.value, headers: record.headers };
}

export class KafkaBus implements MessageBus {
  private readonly kafka: Kafka;
  private readonly logger: BusLogger;
  private readonly compression: CompressionTypes;
  private readonly idempotent: boolean;
  private readonly tuning: Required<KafkaConsumerTuning>;
  private producer?: Promise<Producer>;
  private readonly pending: PendingSend[] = [];
  private sending?: Promise<void>;
  private readonly subscriptions = new Set<KafkaSubscription>();
  private closed = false;
  private closing?: Promise<void>;

  constructor(options: KafkaBusOptions) {
    if (options.brokers.length === 0) throw new Error('KafkaBus needs at least one broker');
    this.logger = options.logger ?? defaultBusLogger();
    this.idempotent = options.idempotent ?? true;
    this.compression = options.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None;
    this.tuning = {
      sessionTimeout: 6000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 20,
      rebalanceTimeout: 30_000,
      joinTimeoutMs: 30_000,
      ...options.consumer,
    };
    const logger = this.logger;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: LOG_LEVELS[options.logLevel ?? 'warn'],
      logCreator:
        () =>
        ({ namespace, level, log }: LogEntry) => {
          const { message, timestamp: _timestamp, ...fields } = log;
          const entry = { kafkajs: namespace, ...fields };
          if (level === KafkaLogLevel.ERROR) logger.error(entry, message);
          else if (level === KafkaLogLevel.WARN) logger.warn(entry, message);
          else if (level === KafkaLogLevel.INFO) logger.info(entry, message);
          else logger.debug(entry, message);
        },
    });
  }

  async publish(topic: string, events: IntegrationEvent[]): Promise<void> {
    if (this.closed) throw new BusClosedError();
    if (events.length === 0) return;
    const messages = events.map((event) => {
      const record = toKafkaRecord(event);
      injectActiveContext(record.headers);
      return toMessage(record);
    });
    await this.send(topic, messages);
  }

  async subscribe(options: SubscribeOptions): Promise<AbortableSubscription> {
    if (this.closed) throw new BusClosedError();
    if (!options.groupId) throw new Error('groupId is required');
    if (options.topics.length === 0) throw new Error('at least one topic is required');
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: this.tuning.sessionTimeout,
      heartbeatInterval: this.tuning.heartbeatInterval,
      maxWaitTimeInMs: this.tuning.maxWaitTimeInMs,
      rebalanceTimeout: this.tuning.rebalanceTimeout,
      allowAutoTopicCreation: false,
    });
    const subscription = new KafkaSubscription(this, consumer, options, retryPolicy(options), this.logger);
    this.subscriptions.add(subscription);
    try {
      await subscription.start(this.tuning.joinTimeoutMs);
    } catch (error) {
      await subscription.abort();
      throw error;
    }
    return subscription;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      await Promise.allSettled([...this.subscriptions].map((s) => s.close()));
      // Dead-letter sends from closing consumers go through the queue too; let it drain before disconnecting.
      while (this.sending) await this.sending;
      if (this.producer) {
        const producer = await this.producer.catch(() => undefined);
        await producer?.disconnect();
      }
    })();
    return this.closing;
  }

  /** @internal */
  forget(subscription: KafkaSubscription): void {
    this.subscriptions.delete(subscription);
  }

  /** @internal Queues messages for the next coalesced sendBatch; resolves once the brokers acknowledged them. */
  send(topic: string, messages: Message[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ topic, messages, resolve, reject });
      this.sending ??= this.flush().finally(() => (this.sending = undefined));
    });
  }

  private connectProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: this.idempotent,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })().catch((error: unknown) => {
      this.producer = undefined; // retry the connection on the next publish
      throw error;
    });
    return this.producer;
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      let count = 0;
      let take = 0;
      while (take < this.pending.length && (take === 0 || count + this.pending[take].messages.length <= MAX_RECORDS_PER_SEND)) {
        count += this.pending[take].messages.length;
        take++;
      }
      const batch = this.pending.splice(0, take);
      try {
        await this.sendBatch(batch);
        for (const entry of batch) entry.resolve();
      } catch (error) {
        if (batch.length === 1) {
          batch[0].reject(error);
          continue;
        }
        // One bad publish (say, to a topic that does not exist) must not fail its batch-mates: retry them one by one.
        for (const entry of batch) {
          try {
            await this.sendBatch([entry]);
            entry.resolve();
          } catch (own) {
            entry.reject(own);
          }
        }
      }
    }
  }

  private async sendBatch(batch: PendingSend[]): Promise<void> {
    const producer = await this.connectProducer();
    const byTopic = new Map<string, Message[]>();
    for (const { topic, messages } of batch) {
      const list = byTopic.get(topic);
      if (list) for (const message of messages) list.push(message);
      else byTopic.set(topic, [...messages]);
    }
    await producer.sendBatch({
      acks: -1,
      compression: this.compression,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }
}

class KafkaSubscription implements AbortableSubscription {
  private readonly stop = new AbortController();
  private readonly crash = new AbortController();
  private readonly deadLetterTopic: (topic: string) => string;
  private stopped?: Promise<void>;

  constructor(
    private readonly bus: KafkaBus,
    private readonly consumer: Consumer,
    private readonly options: SubscribeOptions,
    private readonly policy: RetryPolicy,
    private readonly logger: BusLogger,
  ) {
    this.deadLetterTopic = options.deadLetterTopic ?? defaultDeadLetterTopic;
  }

  /** Connects, subscribes and resolves once this member has joined the group and holds its assignment. */
  async start(joinTimeoutMs: number): Promise<void> {
    const { groupId, topics } = this.options;
    let removeJoin = () => undefined as void;
    const joined = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`consumer group ${groupId} did not join within ${joinTimeoutMs} ms`)), joinTimeoutMs);
      const off = this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        clearTimeout(timer);
        resolve();
      });
      removeJoin = () => {
        clearTimeout(timer);
        off();
      };
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.logger.error({ groupId, topics, error: describeError(payload.error), restart: payload.restart }, 'Kafka consumer crashed');
    });
    try {
      await this.consumer.connect();
      await this.consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
      await this.consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.concurrency ?? 4,
        eachBatch: (payload) => this.handleBatch(payload),
      });
      await joined;
    } finally {
      removeJoin();
    }
  }

  close(): Promise<void> {
    this.stopped ??= (async () => {
      this.stop.abort();
      await this.consumer.disconnect();
      this.bus.forget(this);
    })();
    return this.stopped;
  }

  abort(): Promise<void> {
    this.crash.abort();
    return this.close();
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, uncommittedOffsets, isRunning, isStale } = payload;
    // A crash commits nothing more: whatever was handled since the last commit is redelivered.
    const commit = () => (this.crash.signal.aborted ? Promise.resolve() : commitOffsetsIfNecessary(uncommittedOffsets()));
    const keepAlive = async () => {
      try {
        await heartbeat();
      } catch (error) {
        // A rebalance started: keep what was handled, then let kafkajs rejoin (it redelivers the rest).
        await commit().catch(() => undefined);
        throw error;
      }
    };

    let sinceCommit = 0;
    let lastCommit = Date.now();
    for (const message of batch.messages) {
      if (this.stop.signal.aborted || !isRunning() || isStale()) break;
      const handled = await this.handleMessage(batch.topic, batch.partition, message, keepAlive);
      if (!handled) break;
      resolveOffset(message.offset);
      sinceCommit++;
      if (sinceCommit >= COMMIT_EVERY_RECORDS || Date.now() - lastCommit >= COMMIT_EVERY_MS) {
        await commit();
        sinceCommit = 0;
        lastCommit = Date.now();
      }
      await keepAlive();
    }
    await commit();
  }

  /** True when the record is done with (handled or dead-lettered); false when the member stopped first. */
  private async handleMessage(topic: string, partition: number, message: KafkaMessage, keepAlive: () => Promise<void>): Promise<boolean> {
    const { groupId } = this.options;
    let event: IntegrationEvent;
    try {
      event = fromKafkaRecord(message);
    } catch (error) {
      // A poison record would block its partition forever; park it untouched for inspection.
      await this.deadLetterRaw(topic, partition, message, error);
      return true;
    }
    const outcome = await deliver({
      event,
      context: { topic, partition, offset: message.offset },
      groupId,
      handler: this.options.handler,
      policy: this.policy,
      stop: this.stop.signal,
      abort: this.crash.signal,
      keepAlive,
    });
    if (outcome.kind === 'handled') return true;
    if (outcome.kind !== 'exhausted') return false;
    const extensions = deadLetterExtensions({ error: outcome.error, attempts: outcome.attempts, topic, groupId, partition, offset: message.offset });
    const dlt = this.deadLetterTopic(topic);
    this.logger.warn(
      { topic, deadLetterTopic: dlt, groupId, eventId: event.id, eventType: event.type, attempts: outcome.attempts, error: extensions.dlterror },
      'event dead-lettered after exhausting retries',
    );
    await this.bus.send(dlt, [toMessage(toKafkaRecord({ ...event, extensions: { ...event.extensions, ...extensions } }))]);
    return true;
  }

  private async deadLetterRaw(topic: string, partition: number, message: KafkaMessage, error: unknown): Promise<void> {
    const { groupId } = this.options;
    const dlt = this.deadLetterTopic(topic);
    const extensions = deadLetterExtensions({ error, attempts: 0, topic, groupId, partition, offset: message.offset });
    this.logger.warn({ topic, deadLetterTopic: dlt, groupId, partition, offset: message.offset, error: extensions.dlterror }, 'malformed record dead-lettered');
    const headers: IHeaders = { ...message.headers };
    for (const [name, value] of Object.entries(extensions)) headers[`ce_${name}`] = value;
    await this.bus.send(dlt, [{ key: message.key, value: message.value, headers }]);
  }
}
