/** A request sent and not yet answered. */
export interface Outstanding<K, T> {
  /** What its answer will carry (an SMPP sequence number, a CMPP Sequence_Id…). */
  key: K;
  item: T;
  sentAt: number;
}

export interface SubmitWindowOptions<K, T> {
  /** Requests outstanding (sent, unanswered) at most. */
  size: number;
  /** A request unanswered this long times out. Infinity: never. */
  responseTimeoutMs: number;
  /**
   * Told about requests that timed out, oldest first. They have already left the window (their slots are free and a
   * late answer finds nothing), so the caller decides: re-queue them, fail them, or drop the link as dead.
   */
  onTimeout: (expired: Array<Outstanding<K, T>>) => void;
  /** Clock in ms. Default Date.now. */
  now?: () => number;
}

/** Past this many consumed slots the queue array is sliced, so a long-lived queue does not keep its whole history. */
const COMPACT_AFTER = 4096;

/**
 * Flow control for a request/response protocol with a window: at most `size` requests outstanding, a FIFO queue
 * behind them, a response timeout per outstanding request, and an abort-all when the link goes that hands back
 * what was in flight for the caller to send again. It knows nothing of the protocol: the caller sends, and says
 * which key the answer will carry.
 *
 * One timer serves every timeout: requests enter in send order, so the oldest outstanding one is always due first.
 */
export class SubmitWindow<K, T> {
  private readonly size: number;
  private readonly responseTimeoutMs: number;
  private readonly onTimeout: (expired: Array<Outstanding<K, T>>) => void;
  private readonly now: () => number;
  private queue: T[] = [];
  private head = 0;
  private readonly outstanding = new Map<K, Outstanding<K, T>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(options: SubmitWindowOptions<K, T>) {
    if (!(options.size >= 1)) throw new RangeError(`window size must be at least 1, got ${options.size}`);
    if (!(options.responseTimeoutMs > 0)) throw new RangeError(`responseTimeoutMs must be positive, got ${options.responseTimeoutMs}`);
    this.size = options.size;
    this.responseTimeoutMs = options.responseTimeoutMs;
    this.onTimeout = options.onTimeout;
    // Looked up per call, so fake timers installed after construction still apply.
    this.now = options.now ?? (() => Date.now());
  }

  /** Requests sent and not yet answered. */
  get inFlight(): number {
    return this.outstanding.size;
  }

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.queue.length - this.head;
  }

  /** Adds a request at the back of the queue. */
  enqueue(item: T): void {
    this.queue.push(item);
  }

  /** Puts requests back at the front, in the given order: a retry, or what a dropped link had in flight, goes out first. */
  requeue(items: readonly T[]): void {
    if (items.length === 0) return;
    if (this.head >= items.length) {
      // Reuse the consumed slots in front of the head instead of shifting the whole queue.
      this.head -= items.length;
      for (let i = 0; i < items.length; i++) this.queue[this.head + i] = items[i];
    } else {
      this.queue = [...items, ...this.queue.slice(this.head)];
      this.head = 0;
    }
  }

  /**
   * Sends queued requests, oldest first, while the window has room. `send` sends one and returns the key its answer
   * will carry, or undefined to stop for now (the request stays first in the queue): link gone, rate cap reached.
   * `send` must not change the window itself. Returns how many were sent.
   */
  fill(send: (item: T) => K | undefined): number {
    let sent = 0;
    while (this.outstanding.size < this.size && this.head < this.queue.length) {
      const item = this.queue[this.head];
      const key = send(item);
      if (key === undefined) break;
      if (this.outstanding.has(key)) throw new Error(`key ${String(key)} is already outstanding`);
      this.queue[this.head++] = undefined as T; // let the item be collected once answered
      this.outstanding.set(key, { key, item, sentAt: this.now() });
      sent++;
    }
    this.compact();
    if (sent > 0) this.arm();
    return sent;
  }

  /** Whether an answer with this key would settle something. */
  isOutstanding(key: K): boolean {
    return this.outstanding.has(key);
  }

  /** The answer for `key` came: frees its slot and returns its request; undefined when unknown (late, timed out, aborted). */
  settle(key: K): T | undefined {
    const entry = this.outstanding.get(key);
    if (!entry) return undefined;
    this.outstanding.delete(key);
    if (this.outstanding.size === 0) this.disarm();
    return entry.item;
  }

  /** The link is gone: every outstanding request leaves the window, oldest first, for the caller to re-queue or fail. */
  abortAll(): T[] {
    const items = Array.from(this.outstanding.values(), (entry) => entry.item);
    this.outstanding.clear();
    this.disarm();
    return items;
  }

  /** Empties the queue and returns what was in it, oldest first (to fail it on close). */
  drainQueue(): T[] {
    const items = this.queue.slice(this.head);
    this.queue = [];
    this.head = 0;
    return items;
  }

  private arm(): void {
    if (this.timer || this.outstanding.size === 0 || !Number.isFinite(this.responseTimeoutMs)) return;
    const oldest = this.outstanding.values().next().value as Outstanding<K, T>;
    const delay = Math.max(0, oldest.sentAt + this.responseTimeoutMs - this.now());
    this.timer = setTimeout(this.expire, delay);
  }

  private disarm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Answers usually arrive before the timer, which then finds nothing due and re-arms for the new oldest. */
  private readonly expire = (): void => {
    this.timer = undefined;
    const now = this.now();
    const expired: Array<Outstanding<K, T>> = [];
    for (const entry of this.outstanding.values()) {
      if (now - entry.sentAt < this.responseTimeoutMs) break;
      expired.push(entry);
    }
    for (const entry of expired) this.outstanding.delete(entry.key);
    this.arm();
    if (expired.length > 0) this.onTimeout(expired);
  };

  private compact(): void {
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > COMPACT_AFTER && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
