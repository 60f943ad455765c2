/**
 * The embedded profile's bus: consumer groups, order per key and retries/dead-lettering like Kafka, inside one
 * process and without storage.
 *
 * - Each topic has N virtual partitions (default 8) chosen by a hash of the key. Per group, one partition is
 *   handled sequentially; partitions run in parallel. A group's members share its partitions (partition i goes to
 *   member i mod n), so two members of one group never both see an event.
 * - `publish` resolves once every group subscribed to the topic has handled (or dead-lettered) every event. That is
 *   the in-process stand-in for durability: a publisher that checkpoints after `publish` never loses an event.
 * - Nothing is stored. A group receives only events published while it has (or had, see `abort`) a member; a group
 *   that subscribes later starts with the next event. Publishing to a topic nobody subscribes to resolves at once.
 * - When a group's last member for a topic `close()`s with events still queued for it, those publishes reject with
 *   ConsumerGroupClosedError (so the publisher's checkpoint does not move past them).
 * - `abort()` simulates a crashed member: its running handler call is abandoned and the group keeps its queue, which
 *   goes to the next member (present or future) — the event is redelivered, as Kafka does from the last commit.
 * - Events pass through the CloudEvents Kafka mapping on publish, so they reach handlers exactly as the Kafka
 *   adapter would deliver them (JSON data, validated attributes, trace context injected). Handlers of different
 *   groups share the delivered object and must treat it as read-only.
 * - Do not await `publish` inside a handler when the published events can flow back to that handler's own
 *   partition: the two would wait for each other. Services publish from their outbox, never from handlers.
 */
import type { AbortableSubscription, EventHandler, IntegrationEvent, MessageBus, SubscribeOptions } from '../bus.port';
import { fromKafkaRecord, toKafkaRecord } from '../cloudevents';
import { deadLetterExtensions, defaultDeadLetterTopic, deliver, retryPolicy, type RetryPolicy } from '../delivery';
import { BusClosedError, ConsumerGroupClosedError } from '../errors';
import { defaultBusLogger, type BusLogger } from '../logger';
import { injectActiveContext } from '../tracing';

export interface InProcessBusOptions {
  /** Virtual partitions per topic. Default 8. */
  partitions?: number;
  logger?: BusLogger;
}

/** FNV-1a: cheap, stable and well spread for short keys. */
function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Counts a publish's outstanding deliveries (events × groups) with one promise. */
class PublishTracker {
  readonly promise: Promise<void>;
  private resolve!: () => void;
  private reject!: (error: unknown) => void;
  private settled = false;

  constructor(private remaining: number) {
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  done(): void {
    if (--this.remaining === 0 && !this.settled) {
      this.settled = true;
      this.resolve();
    }
  }

  fail(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }
}

interface Delivery {
  event: IntegrationEvent;
  offset: number;
  tracker: PublishTracker;
}

class Member implements AbortableSubscription {
  closing = false;
  aborted = false;
  readonly stop = new AbortController();
  readonly crash = new AbortController();
  private active = 0;
  private idleWaiters: Array<() => void> = [];
  private closed?: Promise<void>;

  constructor(
    private readonly bus: InProcessBus,
    readonly group: Group,
    readonly topics: ReadonlySet<string>,
    readonly handler: EventHandler,
    readonly policy: RetryPolicy,
    readonly deadLetterTopic: (topic: string) => string,
  ) {}

  get eligible(): boolean {
    return !this.closing && !this.aborted;
  }

  begin(): void {
    this.active++;
  }

  end(): void {
    if (--this.active === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  idle(): Promise<void> {
    return this.active === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): Promise<void> {
    this.closed ??= this.bus.leave(this);
    return this.closed;
  }

  abort(): Promise<void> {
    this.bus.crash(this);
    return Promise.resolve();
  }
}

class Group {
  readonly members: Member[] = [];
  /** Per topic, one worker per virtual partition (created on first use). */
  readonly workers = new Map<string, PartitionWorker[]>();

  constructor(readonly id: string) {}

  assignee(topic: string, partition: number): Member | undefined {
    const eligible = this.members.filter((m) => m.eligible && m.topics.has(topic));
    return eligible.length === 0 ? undefined : eligible[partition % eligible.length];
  }

  hasMemberFor(topic: string): boolean {
    return this.members.some((m) => m.topics.has(topic));
  }
}

/** One group's queue for one partition of one topic, drained one event at a time. */
class PartitionWorker {
  private queue: Array<Delivery | undefined> = [];
  private head = 0;
  private running = false;

  constructor(
    private readonly bus: InProcessBus,
    private readonly group: Group,
    private readonly topic: string,
    private readonly partition: number,
  ) {}

  get pending(): number {
    return this.queue.length - this.head;
  }

  enqueue(delivery: Delivery): void {
    this.queue.push(delivery);
    this.kick();
  }

  kick(): void {
    if (this.running || this.pending === 0) return;
    this.running = true;
    void this.drain();
  }

  /** Rejects everything still queued; the worker is discarded afterwards. */
  failPending(error: unknown): void {
    for (let i = this.head; i < this.queue.length; i++) this.queue[i]?.tracker.fail(error);
    this.queue = [];
    this.head = 0;
  }

  private async drain(): Promise<void> {
    try {
      while (this.head < this.queue.length) {
        const member = this.group.assignee(this.topic, this.partition);
        if (!member) return; // resumed by kick() when a member joins
        const delivery = this.queue[this.head] as Delivery;
        member.begin();
        try {
          const outcome = await deliver({
            event: delivery.event,
            context: { topic: this.topic, partition: this.partition, offset: String(delivery.offset) },
            groupId: this.group.id,
            handler: member.handler,
            policy: member.policy,
            stop: member.stop.signal,
            abort: member.crash.signal,
          });
          // Not handled: the event stays at the head for the next member.
          if (outcome.kind === 'stopped' || outcome.kind === 'aborted') continue;
          if (outcome.kind === 'exhausted') {
            try {
              await this.bus.deadLetter(member, this.topic, this.partition, delivery, outcome.attempts, outcome.error);
            } catch (error) {
              this.advance();
              delivery.tracker.fail(error);
              continue;
            }
          }
          this.advance();
          delivery.tracker.done();
        } finally {
          member.end();
        }
      }
    } finally {
      this.running = false;
    }
  }

  private advance(): void {
    this.queue[this.head++] = undefined;
    // Compact now and then so a long-lived queue does not keep its consumed prefix.
    if (this.head >= 1024 && this.head * 2 >= this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}

export class InProcessBus implements MessageBus {
  private readonly partitions: number;
  private readonly logger: BusLogger;
  private readonly groups = new Map<string, Group>();
  private readonly topicGroups = new Map<string, Set<Group>>();
  private readonly offsets = new Map<string, number[]>();
  private closed = false;
  private closing?: Promise<void>;

  constructor(options: InProcessBusOptions = {}) {
    this.partitions = options.partitions ?? 8;
    if (!Number.isInteger(this.partitions) || this.partitions < 1) throw new Error(`partitions must be a positive integer, got ${options.partitions}`);
    this.logger = options.logger ?? defaultBusLogger();
  }

  async publish(topic: string, events: IntegrationEvent[]): Promise<void> {
    if (this.closed) throw new BusClosedError();
    if (!this.topicGroups.get(topic)?.size) {
      // Nobody to deliver to (in one process, the public receipts: one event per message): checked as the Kafka
      // adapter would check them, but not parsed back for no one.
      for (const event of events) toKafkaRecord(event);
      return;
    }
    // Map every event first so an invalid one rejects the publish before anything is delivered.
    const prepared = events.map(prepare);
    return this.enqueue(topic, prepared);
  }

  async subscribe(options: SubscribeOptions): Promise<AbortableSubscription> {
    if (this.closed) throw new BusClosedError();
    if (!options.groupId) throw new Error('groupId is required');
    if (options.topics.length === 0) throw new Error('at least one topic is required');
    const group = this.groups.get(options.groupId) ?? new Group(options.groupId);
    this.groups.set(group.id, group);
    const member = new Member(
      this,
      group,
      new Set(options.topics),
      options.handler,
      retryPolicy(options),
      options.deadLetterTopic ?? defaultDeadLetterTopic,
    );
    group.members.push(member);
    for (const topic of member.topics) {
      let groups = this.topicGroups.get(topic);
      if (!groups) this.topicGroups.set(topic, (groups = new Set()));
      groups.add(group);
      // Events left by an aborted member (or queued while the group had no member) resume now.
      for (const worker of group.workers.get(topic) ?? []) worker?.kick();
    }
    return member;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      const members = [...this.groups.values()].flatMap((g) => g.members);
      await Promise.all(members.map((m) => m.close()));
      // Groups whose members all aborted still hold events; nobody will handle them now.
      for (const group of this.groups.values()) {
        for (const workers of group.workers.values()) for (const worker of workers) worker?.failPending(new BusClosedError());
        group.workers.clear();
      }
      this.groups.clear();
      this.topicGroups.clear();
    })();
    return this.closing;
  }

  /** Graceful leave (Member.close). */
  async leave(member: Member): Promise<void> {
    if (member.aborted) return;
    member.closing = true;
    member.stop.abort();
    // Partitions move to the remaining members as soon as this one's running calls finish.
    for (const topic of member.topics) for (const worker of member.group.workers.get(topic) ?? []) worker?.kick();
    await member.idle();
    this.remove(member);
    for (const topic of member.topics) {
      if (!member.group.hasMemberFor(topic)) this.dropGroupTopic(member.group, topic, new ConsumerGroupClosedError(member.group.id, topic));
    }
  }

  /** Crash (Member.abort): leave at once; the group keeps its queue for the next member. */
  crash(member: Member): void {
    if (member.aborted || member.closing) return;
    member.aborted = true;
    member.stop.abort();
    member.crash.abort();
    this.remove(member);
  }

  /** Publishes an exhausted event to the dead-letter topic with the failure described in extensions. */
  async deadLetter(member: Member, topic: string, partition: number, delivery: Delivery, attempts: number, error: unknown): Promise<void> {
    const dlt = member.deadLetterTopic(topic);
    const extensions = deadLetterExtensions({ error, attempts, topic, groupId: member.group.id, partition, offset: String(delivery.offset) });
    this.logger.warn(
      { topic, deadLetterTopic: dlt, groupId: member.group.id, eventId: delivery.event.id, eventType: delivery.event.type, attempts, error: extensions.dlterror },
      'event dead-lettered after exhausting retries',
    );
    await this.enqueue(dlt, [prepare({ ...delivery.event, extensions: { ...delivery.event.extensions, ...extensions } })]);
  }

  private enqueue(topic: string, events: IntegrationEvent[]): Promise<void> {
    const groups = this.topicGroups.get(topic);
    if (events.length === 0 || !groups || groups.size === 0) return Promise.resolve();
    const tracker = new PublishTracker(events.length * groups.size);
    let offsets = this.offsets.get(topic);
    if (!offsets) this.offsets.set(topic, (offsets = new Array<number>(this.partitions).fill(0)));
    for (const event of events) {
      const partition = hashKey(event.key) % this.partitions;
      const offset = offsets[partition]++;
      for (const group of groups) this.worker(group, topic, partition).enqueue({ event, offset, tracker });
    }
    return tracker.promise;
  }

  private worker(group: Group, topic: string, partition: number): PartitionWorker {
    let workers = group.workers.get(topic);
    if (!workers) group.workers.set(topic, (workers = new Array<PartitionWorker>(this.partitions)));
    return (workers[partition] ??= new PartitionWorker(this, group, topic, partition));
  }

  private remove(member: Member): void {
    const members = member.group.members;
    const index = members.indexOf(member);
    if (index >= 0) members.splice(index, 1);
  }

  private dropGroupTopic(group: Group, topic: string, error: unknown): void {
    for (const worker of group.workers.get(topic) ?? []) worker?.failPending(error);
    group.workers.delete(topic);
    this.topicGroups.get(topic)?.delete(group);
    if (group.members.length === 0 && group.workers.size === 0 && this.groups.get(group.id) === group) this.groups.delete(group.id);
  }
}

/** The same mapping the Kafka adapter applies, so both profiles deliver identical events. */
function prepare(event: IntegrationEvent): IntegrationEvent {
  const record = toKafkaRecord(event);
  injectActiveContext(record.headers);
  return fromKafkaRecord(record);
}
