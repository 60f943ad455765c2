import { SubscriptionClosedError } from '../errors';
import type { AllSubscription, RecordedEvent } from '../event-store.port';

/** What a store that can answer synchronously (memory, SQLite) offers its subscriptions. */
export interface PullSource {
  /**
   * Matching events with position > `after`, oldest first, at most `limit`; and the position through which the store
   * was examined. After a full page the scan should go on past non-matching events up to the next match (or the
   * head), so a consumer that has taken everything matching counts as caught up.
   */
  read(after: bigint, limit: number): { events: RecordedEvent[]; scannedTo: bigint };
  /** Position of the newest event in the store (matching or not); -1n when empty. */
  head(): bigint;
  /** When set, the store is also re-read this often while idle, to see appends by other handles or processes. */
  pollIntervalMs?: number;
  /** Called once when the subscription ends, so the store can forget it. */
  onClose(subscription: PullSubscription): void;
}

interface CaughtUpWaiter {
  target: bigint;
  resolve(position: bigint | undefined): void;
  reject(error: Error): void;
}

const ITERATOR_PAGE = 256;

/**
 * A catch-up-then-live subscription that reads the store in pages as the consumer asks, so history and live events
 * take the same path, nothing is buffered beyond one page, and order is the store's position order. While idle it
 * waits for the store's `notify()` (an in-process append) or the poll interval.
 */
export class PullSubscription implements AllSubscription {
  private cursor: bigint;
  private buffer: RecordedEvent[] = [];
  private lastDelivered: bigint | undefined;
  private closed = false;
  private pulling = false;
  private wake: (() => void) | undefined;
  private waiters: CaughtUpWaiter[] = [];

  constructor(
    private readonly source: PullSource,
    fromPosition: bigint | 'start' | 'end',
  ) {
    if (typeof fromPosition === 'bigint' && fromPosition < -1n) throw new RangeError(`fromPosition must be >= 0, got ${fromPosition}`);
    this.cursor = fromPosition === 'start' ? -1n : fromPosition === 'end' ? source.head() : fromPosition;
  }

  /** The store calls this after every commit. */
  notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  async nextBatch(maxCount: number): Promise<RecordedEvent[]> {
    if (!Number.isInteger(maxCount) || maxCount < 1) throw new RangeError(`maxCount must be a positive integer, got ${maxCount}`);
    if (this.buffer.length === 0) await this.pull(maxCount);
    return this.deliver(this.buffer.splice(0, maxCount));
  }

  caughtUp(): Promise<bigint | undefined> {
    if (this.closed) return Promise.reject(new SubscriptionClosedError());
    const target = this.source.head();
    return new Promise((resolve, reject) => {
      this.waiters.push({ target, resolve, reject });
      this.settleWaiters();
    });
  }

  async unsubscribe(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.buffer = [];
    this.notify();
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(new SubscriptionClosedError());
    this.source.onClose(this);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return {
      next: async () => {
        if (this.buffer.length === 0) await this.pull(ITERATOR_PAGE);
        const [event] = this.deliver(this.buffer.splice(0, 1));
        return event ? { value: event, done: false } : { value: undefined, done: true };
      },
      return: async () => {
        await this.unsubscribe();
        return { value: undefined, done: true };
      },
    };
  }

  /**
   * Waits until the store has at least one matching event past the cursor and moves it into the buffer (nothing
   * once closed). Cursor and buffer change together, synchronously, so caughtUp() never sees events in flight.
   */
  private async pull(limit: number): Promise<void> {
    if (this.pulling) throw new Error('A subscription has one consumer: the previous read is still waiting');
    this.pulling = true;
    try {
      while (!this.closed) {
        const { events, scannedTo } = this.source.read(this.cursor, limit);
        this.cursor = scannedTo;
        if (events.length > 0) {
          this.buffer = events;
          return;
        }
        this.settleWaiters();
        // read() is synchronous, so no in-process append can slip in between it and arming the wake-up.
        await new Promise<void>((resolve) => {
          const timer = this.source.pollIntervalMs ? setTimeout(resolve, this.source.pollIntervalMs) : undefined;
          timer?.unref();
          this.wake = () => {
            if (timer) clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    } finally {
      this.pulling = false;
    }
  }

  private deliver(events: RecordedEvent[]): RecordedEvent[] {
    if (events.length > 0) this.lastDelivered = events[events.length - 1].position;
    this.settleWaiters();
    return events;
  }

  private settleWaiters(): void {
    if (this.buffer.length > 0 || this.waiters.length === 0) return;
    const pending: CaughtUpWaiter[] = [];
    for (const waiter of this.waiters) {
      if (this.cursor >= waiter.target) waiter.resolve(this.lastDelivered);
      else pending.push(waiter);
    }
    this.waiters = pending;
  }
}
