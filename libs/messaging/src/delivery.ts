/**
 * Per-event delivery shared by both adapters: call the handler, retry with exponential backoff, report
 * exhaustion so the adapter dead-letters the event. Two signals shape shutdown:
 * - `stop` (graceful close): a running attempt finishes, but no new attempt starts and backoff waits end early;
 * - `abort` (crash): the running attempt is abandoned at once; its outcome is ignored and the event is redelivered.
 */
import type { DeliveryContext, EventHandler, IntegrationEvent, SubscribeOptions } from './bus.port';
import { describeError } from './logger';
import { runInEventContext } from './tracing';

export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_RETRY_BACKOFF_MS = 100;
export const defaultDeadLetterTopic = (topic: string): string => `${topic}.dlt`;

export interface RetryPolicy {
  maxRetries: number;
  retryBackoffMs: number;
}

export function retryPolicy(options: SubscribeOptions): RetryPolicy {
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const retryBackoffMs = options.retryBackoffMs ?? DEFAULT_RETRY_BACKOFF_MS;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new Error(`maxRetries must be a non-negative integer, got ${maxRetries}`);
  if (!(retryBackoffMs >= 0)) throw new Error(`retryBackoffMs must be ≥ 0, got ${retryBackoffMs}`);
  return { maxRetries, retryBackoffMs };
}

export type DeliveryOutcome =
  | { kind: 'handled'; attempts: number }
  | { kind: 'exhausted'; attempts: number; error: unknown }
  | { kind: 'stopped' }
  | { kind: 'aborted' };

export interface DeliveryRun {
  event: IntegrationEvent;
  context: Omit<DeliveryContext, 'attempt'>;
  groupId: string;
  handler: EventHandler;
  policy: RetryPolicy;
  stop: AbortSignal;
  abort: AbortSignal;
  /** Called about every second while waiting to retry (Kafka: heartbeat so the group keeps the member). */
  keepAlive?: () => Promise<void>;
}

const KEEP_ALIVE_MS = 1000;

/** Sleeps `ms`, ending early (false) when either signal fires. */
async function backoff(ms: number, run: DeliveryRun): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (run.stop.aborted || run.abort.aborted) return false;
    const left = deadline - Date.now();
    if (left <= 0) return true;
    const step = Math.min(left, KEEP_ALIVE_MS);
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        run.stop.removeEventListener('abort', done);
        run.abort.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, step);
      run.stop.addEventListener('abort', done, { once: true });
      run.abort.addEventListener('abort', done, { once: true });
    });
    if (run.keepAlive && Date.now() < deadline && !run.stop.aborted && !run.abort.aborted) await run.keepAlive();
  }
}

export async function deliver(run: DeliveryRun): Promise<DeliveryOutcome> {
  if (run.abort.aborted) return { kind: 'aborted' };
  let onAbort = () => undefined as void;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    run.abort.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const total = run.policy.maxRetries + 1;
    let lastError: unknown;
    for (let attempt = 1; attempt <= total; attempt++) {
      if (run.abort.aborted) return { kind: 'aborted' };
      if (attempt > 1) {
        const waited = await backoff(run.policy.retryBackoffMs * 2 ** (attempt - 2), run);
        if (!waited) return run.abort.aborted ? { kind: 'aborted' } : { kind: 'stopped' };
      }
      const context: DeliveryContext = { ...run.context, attempt };
      const call = runInEventContext(run.event, { topic: context.topic, partition: context.partition, groupId: run.groupId, attempt }, () =>
        run.handler(run.event, context),
      );
      // An abandoned attempt may still reject later; nobody awaits it then.
      call.catch(() => undefined);
      try {
        const result = await Promise.race([call, aborted]);
        if (result === 'aborted') return { kind: 'aborted' };
        return { kind: 'handled', attempts: attempt };
      } catch (error) {
        lastError = error;
      }
    }
    return { kind: 'exhausted', attempts: total, error: lastError };
  } finally {
    run.abort.removeEventListener('abort', onAbort);
  }
}

/** Extensions a dead-lettered event carries besides its original attributes. */
export function deadLetterExtensions(info: { error: unknown; attempts: number; topic: string; groupId: string; partition: number; offset: string }): Record<string, string> {
  return {
    dlterror: describeError(info.error),
    dltattempts: String(info.attempts),
    dlttopic: info.topic,
    dltgroup: info.groupId,
    dltpartition: String(info.partition),
    dltoffset: info.offset,
  };
}
