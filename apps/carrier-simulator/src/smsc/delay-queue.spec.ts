import { DelayQueue } from './delay-queue';

describe('DelayQueue', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('releases items in due order once their delay has passed, with one timer', () => {
    const released: string[] = [];
    const queue = new DelayQueue<string>((item) => released.push(item));
    queue.push('a', 10);
    jest.advanceTimersByTime(5);
    queue.push('b', 10);
    queue.push('c', 10);
    expect(jest.getTimerCount()).toBe(1);

    jest.advanceTimersByTime(5);
    expect(released).toEqual(['a']);
    jest.advanceTimersByTime(5);
    expect(released).toEqual(['a', 'b', 'c']);
    expect(queue.size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('keeps order when a later push has a shorter delay', () => {
    const released: string[] = [];
    const queue = new DelayQueue<string>((item) => released.push(item));
    queue.push('slow', 50);
    queue.push('fast', 10);
    jest.advanceTimersByTime(10);
    expect(released).toEqual(['fast']);
    jest.advanceTimersByTime(40);
    expect(released).toEqual(['fast', 'slow']);
  });

  it('clear() drops what is waiting and returns it', () => {
    const released: number[] = [];
    const queue = new DelayQueue<number>((item) => released.push(item));
    queue.push(1, 10);
    queue.push(2, 10);
    expect(queue.clear()).toEqual([1, 2]);
    jest.advanceTimersByTime(20);
    expect(released).toEqual([]);
  });
});
