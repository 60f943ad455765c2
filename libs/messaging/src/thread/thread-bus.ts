/**
 * A MessageBus across worker threads of one process. The main thread owns the real bus and serves it over a
 * MessagePort; a worker's ThreadBus publishes and subscribes through that port. Delivery semantics are the served
 * bus's own: its retries, dead-lettering, ordering and "publish resolves once every group handled it" hold across
 * the port, because the main side's handler settles only when the worker's handler has.
 */
import { context } from '@opentelemetry/api';
import type { MessagePort } from 'node:worker_threads';
import type { AbortableSubscription, BusSubscription, DeliveryContext, EventHandler, IntegrationEvent, MessageBus, SubscribeOptions } from '../bus.port';
import { extractContext, injectActiveContext } from '../tracing';

type WireSubscribeOptions = Omit<SubscribeOptions, 'handler' | 'deadLetterTopic'>;

type ToMain =
  | { op: 'publish'; id: number; topic: string; events: IntegrationEvent[] }
  | { op: 'subscribe'; id: number; options: WireSubscribeOptions }
  | { op: 'unsubscribe'; id: number; subscription: number; abort: boolean }
  | { op: 'delivered'; delivery: number; error?: string };

type ToWorker =
  | { op: 'reply'; id: number; error?: string }
  | { op: 'deliver'; subscription: number; delivery: number; event: IntegrationEvent; context: DeliveryContext };

/** Main side: serves `bus` to the ThreadBus at the other end of `port`. Returns a function that closes what it opened. */
export function serveBusOverPort(bus: MessageBus, port: MessagePort): () => Promise<void> {
  const subscriptions = new Map<number, BusSubscription>();
  const deliveries = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextDelivery = 0;
  const send = (message: ToWorker) => port.postMessage(message);
  const reply = (id: number, work: Promise<unknown>) =>
    work.then(
      () => send({ op: 'reply', id }),
      (error) => send({ op: 'reply', id, error: error instanceof Error ? error.message : String(error) }),
    );

  port.on('message', (message: ToMain) => {
    switch (message.op) {
      case 'publish':
        void reply(message.id, bus.publish(message.topic, message.events));
        break;
      case 'subscribe':
        void reply(
          message.id,
          bus
            .subscribe({
              ...message.options,
              handler: (event, deliveryContext) =>
                new Promise<void>((resolve, reject) => {
                  const delivery = ++nextDelivery;
                  deliveries.set(delivery, { resolve, reject });
                  send({ op: 'deliver', subscription: message.id, delivery, event, context: deliveryContext });
                }),
            })
            .then((subscription) => subscriptions.set(message.id, subscription)),
        );
        break;
      case 'unsubscribe': {
        const subscription = subscriptions.get(message.subscription);
        subscriptions.delete(message.subscription);
        const closing = message.abort && subscription && 'abort' in subscription ? (subscription as AbortableSubscription).abort() : subscription?.close();
        void reply(message.id, Promise.resolve(closing));
        break;
      }
      case 'delivered': {
        const pending = deliveries.get(message.delivery);
        deliveries.delete(message.delivery);
        if (message.error === undefined) pending?.resolve();
        else pending?.reject(new Error(message.error));
        break;
      }
    }
  });

  return async () => {
    await Promise.all([...subscriptions.values()].map((s) => s.close()));
    subscriptions.clear();
    port.close();
  };
}

/** Worker side: a MessageBus whose every operation is carried out by the bus the main thread serves. */
export class ThreadBus implements MessageBus {
  private nextId = 0;
  private readonly replies = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private readonly handlers = new Map<number, EventHandler>();
  private readonly open = new Set<number>();

  constructor(private readonly port: MessagePort) {
    port.on('message', (message: ToWorker) => {
      if (message.op === 'reply') {
        const pending = this.replies.get(message.id);
        this.replies.delete(message.id);
        if (message.error === undefined) pending?.resolve();
        else pending?.reject(new Error(message.error));
        return;
      }
      const handler = this.handlers.get(message.subscription);
      // A delivery that crossed the port while its subscription closed is not handled. Say so: the serving bus's
      // graceful close waits for every running call, and an unanswered one would hold the shutdown forever; a failed
      // call after close starts no retry, and the event stays for the group's next member.
      if (!handler) {
        this.send({ op: 'delivered', delivery: message.delivery, error: 'subscription closed before this delivery arrived' });
        return;
      }
      context
        .with(extractContext(message.event), () => handler(message.event, message.context))
        .then(
          () => this.send({ op: 'delivered', delivery: message.delivery }),
          (error) => this.send({ op: 'delivered', delivery: message.delivery, error: error instanceof Error ? error.message : String(error) }),
        );
    });
  }

  publish(topic: string, events: IntegrationEvent[]): Promise<void> {
    // The active trace context lives in this thread; it crosses the port inside the events.
    const traced = events.map((event) => {
      const extensions = { ...event.extensions };
      injectActiveContext(extensions);
      return { ...event, extensions };
    });
    return this.request((id) => ({ op: 'publish', id, topic, events: traced }));
  }

  async subscribe(options: SubscribeOptions): Promise<AbortableSubscription> {
    const { handler, deadLetterTopic, ...wire } = options;
    if (deadLetterTopic) throw new Error('ThreadBus uses the served bus\'s dead-letter topics; a custom deadLetterTopic cannot cross threads');
    let subscription = 0;
    await this.request((id) => {
      subscription = id;
      this.handlers.set(id, handler);
      this.open.add(id);
      return { op: 'subscribe', id, options: wire };
    });
    const end = (abort: boolean) => {
      if (!this.open.delete(subscription)) return Promise.resolve();
      this.handlers.delete(subscription);
      return this.request((id) => ({ op: 'unsubscribe', id, subscription, abort }));
    };
    return { close: () => end(false), abort: () => end(true) };
  }

  async close(): Promise<void> {
    await Promise.all([...this.open].map((subscription) => {
      this.open.delete(subscription);
      this.handlers.delete(subscription);
      return this.request((id) => ({ op: 'unsubscribe', id, subscription, abort: false }));
    }));
  }

  private request(build: (id: number) => ToMain): Promise<void> {
    const id = ++this.nextId;
    return new Promise<void>((resolve, reject) => {
      this.replies.set(id, { resolve, reject });
      this.send(build(id));
    });
  }

  private send(message: ToMain): void {
    this.port.postMessage(message);
  }
}

/** Holds every publish until `open()`: lets a host subscribe every consumer, on every thread, before anything flows. */
export class GatedBus implements MessageBus {
  private release!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));

  constructor(private readonly inner: MessageBus) {}

  open(): void {
    this.release();
  }

  async publish(topic: string, events: IntegrationEvent[]): Promise<void> {
    await this.gate;
    return this.inner.publish(topic, events);
  }

  subscribe(options: SubscribeOptions): Promise<BusSubscription> {
    return this.inner.subscribe(options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
