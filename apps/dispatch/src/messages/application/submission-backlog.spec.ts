import { countByBatch, SubmissionBacklog } from './submission-backlog';

describe('SubmissionBacklog', () => {
  let now = 0;
  const clock = () => now;
  const backlog = (limit = 100) => new SubmissionBacklog({ limit, maxWaitMs: 1_000, ttlMs: 10_000 }, clock);
  const settledWithin = async (promise: Promise<void>, ms: number): Promise<boolean> => {
    let settled = false;
    void promise.then(() => (settled = true));
    await jest.advanceTimersByTimeAsync(ms);
    return settled;
  };

  beforeEach(() => {
    jest.useFakeTimers();
    now = 0;
  });
  afterEach(() => jest.useRealTimers());

  it('admits at once under the limit, and counts each batch once', async () => {
    const b = backlog();
    b.accepted('b-1', 60);
    b.accepted('b-1', 60); // a retry of the same batch
    expect(b.size).toBe(60);
    expect(await settledWithin(b.admit(), 0)).toBe(true);
  });

  it('holds a send while the backlog is over the limit, and lets it go when answers bring it under', async () => {
    const b = backlog();
    b.accepted('b-1', 80);
    b.accepted('b-2', 40);
    const waiting = b.admit();
    expect(await settledWithin(waiting, 100)).toBe(false);
    b.answered('b-1', 10);
    expect(await settledWithin(waiting, 0)).toBe(false); // 110: still over
    b.answered('b-2', 40);
    expect(b.size).toBe(70);
    expect(await settledWithin(waiting, 0)).toBe(true);
  });

  it('never holds a send longer than maxWaitMs', async () => {
    const b = backlog();
    b.accepted('b-1', 500);
    const waiting = b.admit();
    now += 999;
    expect(await settledWithin(waiting, 999)).toBe(false);
    now += 1;
    expect(await settledWithin(waiting, 1)).toBe(true);
  });

  it("counts a reviewer's release of a held message once: the screening answered it, its submission answers it again (ADR 0036)", () => {
    const b = backlog();
    b.accepted('b-1', 3);
    // Screening: m-1 cleared, m-2 and m-3 held and counted answered.
    b.answered('b-1', 2);
    expect(b.size).toBe(1);
    // m-2 released while m-1 is still on its way: it counts again, and its submission takes back only that.
    b.reopened('b-1', 1);
    expect(b.size).toBe(2);
    b.answered('b-1', 1); // m-2 submitted
    expect(b.size).toBe(1); // m-1 still counted: the release did not let it go early
    b.answered('b-1', 1); // m-1 submitted
    expect(b.size).toBe(0);
    // m-3 released after the batch is gone: nothing is added, and its answer is ignored — never below zero.
    b.reopened('b-1', 1);
    b.answered('b-1', 1);
    expect(b.size).toBe(0);
    b.reopened('unknown', 1);
    b.reopened('b-1', -1);
    expect(b.size).toBe(0);
  });

  it('forgets a batch whose answers never come after ttlMs, and ignores answers for batches it does not count', async () => {
    const b = backlog();
    b.accepted('held', 150);
    b.answered('unknown', 50);
    b.answered('held', -3);
    expect(b.size).toBe(150);
    now += 10_000;
    expect(b.size).toBe(0);
    expect(await settledWithin(b.admit(), 0)).toBe(true);
  });

  it('answers beyond a batch count nothing twice', () => {
    const b = backlog();
    b.accepted('b-1', 5);
    b.accepted('b-2', 5);
    b.answered('b-1', 9);
    b.answered('b-1', 9);
    expect(b.size).toBe(5);
  });

  it('is off with limit 0: counts nothing, holds nothing', async () => {
    const b = SubmissionBacklog.unbounded();
    b.accepted('b-1', 1_000_000);
    expect(b.size).toBe(0);
    expect(await settledWithin(b.admit(), 0)).toBe(true);
  });

  it('counts items per batch', () => {
    expect(countByBatch([{ batchId: 'a' }, { batchId: 'b' }, { batchId: 'a' }])).toEqual(
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
    );
  });
});
