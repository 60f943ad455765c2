import { Waiters } from './waiters';

describe('Waiters', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves at once when the condition already holds', async () => {
    await expect(new Waiters().until(() => true, 1_000)).resolves.toBeUndefined();
  });

  it('resolves on the notify that finds the condition true, not before', async () => {
    const waiters = new Waiters();
    let done = false;
    let resolved = false;
    void waiters.until(() => done, Infinity).then(() => (resolved = true));
    waiters.notify();
    await Promise.resolve();
    expect(resolved).toBe(false);
    done = true;
    waiters.notify();
    await Promise.resolve();
    expect(resolved).toBe(true);
  });

  it('gives up after the timeout, and a later notify does nothing more', async () => {
    const waiters = new Waiters();
    const condition = jest.fn(() => false);
    let resolved = false;
    void waiters.until(condition, 100).then(() => (resolved = true));
    jest.advanceTimersByTime(99);
    await Promise.resolve();
    expect(resolved).toBe(false);
    jest.advanceTimersByTime(1);
    await Promise.resolve();
    expect(resolved).toBe(true);
    const checks = condition.mock.calls.length;
    waiters.notify();
    expect(condition.mock.calls.length).toBe(checks);
  });
});
