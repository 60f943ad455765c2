/**
 * Items released after a delay using one timer for the whole queue instead of one per item: with a
 * constant delay items arrive in due order, so pushing is an append and a tick releases a prefix.
 */
export class DelayQueue<T> {
  private items: Array<{ due: number; item: T }> = [];
  private head = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerDue = Infinity;

  constructor(private readonly onDue: (item: T) => void) {}

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T, delayMs: number): void {
    const due = Date.now() + delayMs;
    const last = this.items[this.items.length - 1];
    if (this.size === 0 || last.due <= due) {
      this.items.push({ due, item });
    } else {
      // A shorter delay than a queued item's: keep the queue sorted (rare, so a linear search is fine).
      let i = this.items.length - 1;
      while (i > this.head && this.items[i - 1].due > due) i--;
      this.items.splice(i, 0, { due, item });
    }
    this.arm();
  }

  /** Drops everything still waiting and stops the timer; returns the dropped items. */
  clear(): T[] {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Infinity;
    const dropped = this.items.slice(this.head).map((entry) => entry.item);
    this.items = [];
    this.head = 0;
    return dropped;
  }

  private arm(): void {
    if (this.size === 0) return;
    const due = this.items[this.head].due;
    if (this.timer && this.timerDue <= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(this.fire, Math.max(0, due - Date.now()));
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    this.timerDue = Infinity;
    const now = Date.now();
    while (this.head < this.items.length && this.items[this.head].due <= now) {
      const { item } = this.items[this.head];
      this.items[this.head++] = undefined as never; // release the reference before the callback runs
      this.onDue(item);
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    this.arm();
  };
}
