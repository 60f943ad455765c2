import { SubmitWindow, type Outstanding } from './submit-window';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** A window of strings whose keys are handed out 1, 2, 3… as a peer's sequence numbers would be. */
function windowOf(size: number, responseTimeoutMs = 1_000) {
  const timeouts: Array<Array<Outstanding<number, string>>> = [];
  const window = new SubmitWindow<number, string>({ size, responseTimeoutMs, onTimeout: (expired) => timeouts.push(expired) });
  const wire: Array<{ key: number; item: string }> = [];
  let key = 0;
  const send = (item: string) => {
    wire.push({ key: ++key, item });
    return key;
  };
  return { window, timeouts, wire, send, fill: () => window.fill(send) };
}

describe('SubmitWindow', () => {
  it('keeps at most `size` outstanding and the rest queued in order', () => {
    const { window, wire, fill } = windowOf(2);
    ['a', 'b', 'c', 'd'].forEach((item) => window.enqueue(item));

    expect(fill()).toBe(2);
    expect(wire.map((w) => w.item)).toEqual(['a', 'b']);
    expect(window).toMatchObject({ inFlight: 2, queued: 2 });
    expect(fill()).toBe(0);

    expect(window.settle(1)).toBe('a');
    expect(fill()).toBe(1);
    expect(window.settle(2)).toBe('b');
    expect(window.settle(3)).toBe('c');
    expect(fill()).toBe(1);
    expect(wire.map((w) => w.item)).toEqual(['a', 'b', 'c', 'd']);
    expect(window).toMatchObject({ inFlight: 1, queued: 0 });
  });

  it('ignores an answer it does not know, or one given twice', () => {
    const { window, fill } = windowOf(2);
    window.enqueue('a');
    fill();
    expect(window.isOutstanding(1)).toBe(true);
    expect(window.settle(99)).toBeUndefined();
    expect(window.settle(1)).toBe('a');
    expect(window.settle(1)).toBeUndefined();
    expect(window.isOutstanding(1)).toBe(false);
  });

  it('stops when send declines, leaving that request first in the queue', () => {
    const { window } = windowOf(5);
    ['a', 'b', 'c'].forEach((item) => window.enqueue(item));
    let allowed = 1;
    const sent: string[] = [];
    const send = (item: string) => (allowed-- > 0 ? (sent.push(item), sent.length) : undefined);

    expect(window.fill(send)).toBe(1);
    expect(window.queued).toBe(2);
    allowed = 5;
    window.fill(send);
    expect(sent).toEqual(['a', 'b', 'c']);
  });

  it('puts re-queued requests in front of the queue, in their order', () => {
    const { window, wire, fill } = windowOf(1);
    ['a', 'b', 'c'].forEach((item) => window.enqueue(item));
    fill();
    window.fill(() => undefined);
    window.requeue([window.settle(1) as string, 'x']);
    while (window.queued > 0) {
      fill();
      window.settle(wire[wire.length - 1].key);
    }
    expect(wire.map((w) => w.item)).toEqual(['a', 'a', 'x', 'b', 'c']);
  });

  it('re-queues in front of a partly consumed long queue without losing anything', () => {
    const { window, wire, fill } = windowOf(3);
    for (let i = 0; i < 10; i++) window.enqueue(`m${i}`);
    fill();
    wire.splice(0); // those three never got an answer
    window.requeue(window.abortAll()); // reuses the three consumed slots
    window.requeue(['first']); // needs one more in front
    const order: string[] = [];
    while (window.queued > 0 || window.inFlight > 0) {
      fill();
      for (const { key, item } of wire.splice(0)) {
        order.push(item);
        window.settle(key);
      }
    }
    expect(order).toEqual(['first', 'm0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9']);
  });

  it('hands back everything in flight, oldest first, when the link is gone', () => {
    const { window, fill } = windowOf(3);
    ['a', 'b', 'c', 'd'].forEach((item) => window.enqueue(item));
    fill();
    window.settle(2);
    expect(window.abortAll()).toEqual(['a', 'c']);
    expect(window).toMatchObject({ inFlight: 0, queued: 1 });
    expect(window.settle(1)).toBeUndefined();
  });

  it('drains the queue without touching what is in flight', () => {
    const { window, fill } = windowOf(1);
    ['a', 'b', 'c'].forEach((item) => window.enqueue(item));
    fill();
    expect(window.drainQueue()).toEqual(['b', 'c']);
    expect(window).toMatchObject({ inFlight: 1, queued: 0 });
  });

  it('refuses a key that is already outstanding, keeping the request queued', () => {
    const { window } = windowOf(3);
    ['a', 'b'].forEach((item) => window.enqueue(item));
    expect(() => window.fill(() => 7)).toThrow('already outstanding');
    expect(window).toMatchObject({ inFlight: 1, queued: 1 });
  });

  it('refuses a window that could never send', () => {
    const onTimeout = () => undefined;
    expect(() => new SubmitWindow({ size: 0, responseTimeoutMs: 1_000, onTimeout })).toThrow(RangeError);
    expect(() => new SubmitWindow({ size: 1, responseTimeoutMs: 0, onTimeout })).toThrow(RangeError);
  });

  describe('response timeout', () => {
    it('times out a request unanswered for responseTimeoutMs and frees its slot', () => {
      const { window, timeouts, fill } = windowOf(1, 1_000);
      window.enqueue('a');
      window.enqueue('b');
      fill();

      jest.advanceTimersByTime(999);
      expect(timeouts).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(timeouts).toHaveLength(1);
      expect(timeouts[0]).toEqual([{ key: 1, item: 'a', sentAt: expect.any(Number) }]);
      expect(window.inFlight).toBe(0);
      expect(window.settle(1)).toBeUndefined(); // a late answer finds nothing
      expect(fill()).toBe(1);
    });

    it('gives each request its own deadline, counted from when it was sent', () => {
      const { window, timeouts, fill } = windowOf(3, 1_000);
      window.enqueue('a');
      fill();
      jest.advanceTimersByTime(400);
      window.enqueue('b');
      fill();
      jest.advanceTimersByTime(300);
      window.enqueue('c');
      fill();

      jest.advanceTimersByTime(300); // t = 1000: a is due
      expect(timeouts.map((batch) => batch.map((e) => e.item))).toEqual([['a']]);
      window.settle(3); // c answered
      jest.advanceTimersByTime(400); // t = 1400: b is due
      expect(timeouts.map((batch) => batch.map((e) => e.item))).toEqual([['a'], ['b']]);
      jest.advanceTimersByTime(10_000);
      expect(timeouts).toHaveLength(2);
    });

    it('reports requests due together in one call, oldest first', () => {
      const { window, timeouts, fill } = windowOf(3, 500);
      ['a', 'b', 'c'].forEach((item) => window.enqueue(item));
      fill();
      jest.advanceTimersByTime(500);
      expect(timeouts.map((batch) => batch.map((e) => e.item))).toEqual([['a', 'b', 'c']]);
    });

    it('does not time out what was answered, and leaves no timer behind', () => {
      const { window, timeouts, fill } = windowOf(2, 1_000);
      window.enqueue('a');
      window.enqueue('b');
      fill();
      jest.advanceTimersByTime(500);
      window.settle(1);
      window.settle(2);
      expect(jest.getTimerCount()).toBe(0);
      jest.advanceTimersByTime(5_000);
      expect(timeouts).toEqual([]);
    });

    it('stops timing requests it handed back on abort', () => {
      const { window, timeouts, fill } = windowOf(2, 1_000);
      window.enqueue('a');
      fill();
      window.requeue(window.abortAll());
      expect(jest.getTimerCount()).toBe(0);
      jest.advanceTimersByTime(2_000);
      expect(timeouts).toEqual([]);
      fill();
      jest.advanceTimersByTime(1_000);
      expect(timeouts.map((batch) => batch.map((e) => e.item))).toEqual([['a']]);
    });

    it('lets the timeout handler abort the rest (a dead link) without firing again', () => {
      const aborted: string[] = [];
      let key = 0;
      const window: SubmitWindow<number, string> = new SubmitWindow<number, string>({
        size: 3,
        responseTimeoutMs: 100,
        onTimeout: (expired) => aborted.push(...expired.map((e) => e.item), ...window.abortAll()),
      });
      window.enqueue('a');
      window.fill(() => ++key);
      jest.advanceTimersByTime(50);
      window.enqueue('b');
      window.fill(() => ++key);
      jest.advanceTimersByTime(50);
      expect(aborted).toEqual(['a', 'b']);
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});
