import type { EventHandler, IntegrationEvent } from './bus.port';
import { deliver, type DeliveryRun } from './delivery';

const event: IntegrationEvent = { id: 'e1', type: 't.v1', source: '/s', time: '2025-01-02T03:04:05Z', key: 'k', data: {} };

function run(handler: EventHandler, overrides: Partial<DeliveryRun> = {}): DeliveryRun {
  return {
    event,
    context: { topic: 't', partition: 0, offset: '7' },
    groupId: 'g',
    handler,
    policy: { maxRetries: 2, retryBackoffMs: 1 },
    stop: new AbortController().signal,
    abort: new AbortController().signal,
    ...overrides,
  };
}

describe('deliver', () => {
  it('reports exhaustion with the last error after 1 + maxRetries attempts', async () => {
    const attempts: number[] = [];
    const outcome = await deliver(
      run(async (_e, ctx) => {
        attempts.push(ctx.attempt);
        throw new Error(`fail ${ctx.attempt}`);
      }),
    );
    expect(attempts).toEqual([1, 2, 3]);
    expect(outcome).toEqual({ kind: 'exhausted', attempts: 3, error: new Error('fail 3') });
  });

  it('counts a synchronous throw as a failed attempt', async () => {
    const handler = ((): Promise<void> => {
      throw new Error('sync');
    }) as EventHandler;
    await expect(deliver(run(handler, { policy: { maxRetries: 0, retryBackoffMs: 0 } }))).resolves.toMatchObject({ kind: 'exhausted', attempts: 1 });
  });

  it('gives the handler the delivery context', async () => {
    let seen: unknown;
    await deliver(run(async (_e, ctx) => void (seen = ctx)));
    expect(seen).toEqual({ topic: 't', partition: 0, offset: '7', attempt: 1 });
  });

  it('stops between attempts when asked to stop, without waiting out the backoff', async () => {
    const stop = new AbortController();
    const attempts: number[] = [];
    const outcome = deliver(
      run(
        async (_e, ctx) => {
          attempts.push(ctx.attempt);
          throw new Error('down');
        },
        { stop: stop.signal, policy: { maxRetries: 3, retryBackoffMs: 60_000 } },
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort();
    await expect(outcome).resolves.toEqual({ kind: 'stopped' });
    expect(attempts).toEqual([1]);
  });

  it('lets a running attempt finish when stopping', async () => {
    const stop = new AbortController();
    let finish = () => undefined as void;
    const outcome = deliver(run(() => new Promise<void>((resolve) => (finish = resolve)), { stop: stop.signal }));
    await new Promise((resolve) => setTimeout(resolve, 1));
    stop.abort();
    finish();
    await expect(outcome).resolves.toEqual({ kind: 'handled', attempts: 1 });
  });

  it('abandons a running attempt on abort', async () => {
    const abort = new AbortController();
    const outcome = deliver(run(() => new Promise<void>(() => undefined), { abort: abort.signal }));
    await new Promise((resolve) => setTimeout(resolve, 1));
    abort.abort();
    await expect(outcome).resolves.toEqual({ kind: 'aborted' });
  });

  it('keeps the member alive while waiting to retry', async () => {
    let keepAlives = 0;
    let calls = 0;
    await deliver(
      run(
        async () => {
          if (++calls === 1) throw new Error('once');
        },
        { policy: { maxRetries: 1, retryBackoffMs: 1_500 }, keepAlive: async () => void keepAlives++ },
      ),
    );
    expect(keepAlives).toBeGreaterThanOrEqual(1);
  });
});
