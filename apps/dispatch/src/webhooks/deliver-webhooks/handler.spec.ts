import { DomainError } from '@sms/service-kit';
import { InMemoryReadModelDatabase } from '../../test-support';
import type { DeliveryOutcome, WebhookPoster, WebhookRequest, WebhookResponse } from '../application/delivery-ports';
import { retryPolicy } from '../domain/retry-schedule';
import { verifySignature } from '../domain/signature';
import { InMemoryWebhookStore, ScriptedPoster, StaticTargetGuard } from '../test-support';
import { DeliverWebhooksHandler, type DeliveryLimits } from './handler';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const SECRET = 'whsec-0123456789abcdef';
const HOUR = 3_600_000;

/** A poster that holds every request until the test lets it answer. */
class HeldPoster implements WebhookPoster {
  readonly held: Array<{ request: WebhookRequest; answer: (status: number) => void }> = [];
  post(request: WebhookRequest): Promise<WebhookResponse> {
    return new Promise((resolve, reject) => {
      this.held.push({ request, answer: (status) => resolve({ status }) });
      request.signal?.addEventListener('abort', () => reject(new Error('aborted')));
    });
  }
}

/** Lets started attempts run up to their POST (they look up the webhook and check the target first). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

describe('DeliverWebhooksHandler', () => {
  let now: number;
  let store: InMemoryWebhookStore;
  let outcomes: DeliveryOutcome[];

  const handler = (poster: WebhookPoster, options: { guard?: StaticTargetGuard; limits?: DeliveryLimits; random?: () => number } = {}) =>
    new DeliverWebhooksHandler({
      outbox: store,
      subscriptions: store,
      unitOfWork: new InMemoryReadModelDatabase(),
      guard: options.guard ?? new StaticTargetGuard(),
      poster,
      clock: { now: () => new Date(now) },
      policy: retryPolicy(24),
      limits: options.limits ?? { maxInFlight: 8, maxInFlightPerAccount: 4 },
      metrics: { record: (outcome) => void outcomes.push(outcome) },
      random: options.random ?? (() => 0.5),
    });
  const queue = (eventId: string, accountId = 'acc-1', body = `{"id":"${eventId}"}`) => store.enqueue({ eventId, accountId, eventType: 'sms.delivery-report.v1', body, queuedAt: now });

  beforeEach(async () => {
    now = T0;
    outcomes = [];
    store = new InMemoryWebhookStore();
    await store.save({ accountId: 'acc-1', url: 'https://hooks.acme.example/sms', secret: SECRET, updatedAt: '2026-11-23T09:00:00.000Z' });
  });

  it('POSTs the queued bytes as application/cloudevents+json, signed with the secret, with the event id; 2xx is delivered', async () => {
    const poster = new ScriptedPoster([204]);
    await queue('e-1');
    expect(await handler(poster).deliverDue()).toBe(1);
    const [request] = poster.requests;
    expect(request.body).toBe('{"id":"e-1"}');
    expect(request.headers).toMatchObject({ 'content-type': 'application/cloudevents+json; charset=utf-8', 'X-Sms-Event-Id': 'e-1' });
    expect(verifySignature(SECRET, request.body, request.headers['X-Sms-Signature'])).toBe(true);
    expect(request.target.target.url.href).toBe('https://hooks.acme.example/sms');
    expect(await store.status('e-1')).toMatchObject({ state: 'DELIVERED', attempts: 1, settledAt: T0 });
    expect(outcomes).toEqual(['delivered']);
  });

  it('retries a 500 on the backoff schedule, and delivers on the 200 that follows', async () => {
    const poster = new ScriptedPoster([500, 200]);
    const deliveries = handler(poster);
    await queue('e-1');
    await deliveries.deliverDue();
    // random 0.5: three quarters of the 10 s first delay.
    expect(await store.status('e-1')).toMatchObject({ state: 'PENDING', attempts: 1, nextAttemptAt: T0 + 7_500, lastError: 'HTTP 500' });
    now = T0 + 7_499;
    expect(await deliveries.deliverDue()).toBe(0);
    now = T0 + 7_500;
    expect(await deliveries.deliverDue()).toBe(1);
    expect(await store.status('e-1')).toMatchObject({ state: 'DELIVERED', attempts: 2 });
    expect(poster.requests.map((r) => r.body)).toEqual(['{"id":"e-1"}', '{"id":"e-1"}']);
    expect(outcomes).toEqual(['retried', 'delivered']);
  });

  it('treats a redirect, a refused target and a network error as failures, and gives up as dead 24 h after queueing', async () => {
    const guard = new StaticTargetGuard(() => (now > T0 + 2 * HOUR && now < T0 + 3 * HOUR ? new DomainError('WEBHOOK_TARGET_FORBIDDEN', 'rebinding') : undefined));
    const poster = new ScriptedPoster([302, Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 503]);
    const deliveries = handler(poster, { guard });
    await queue('e-1');
    const errors: string[] = [];
    for (let round = 0; round < 100; round++) {
      await deliveries.deliverDue();
      const status = await store.status('e-1');
      if (status?.lastError && errors[errors.length - 1] !== status.lastError) errors.push(status.lastError);
      if (status?.state !== 'PENDING') break;
      now = status.nextAttemptAt;
    }
    expect(await store.status('e-1')).toMatchObject({ state: 'DEAD', settledAt: T0 + 24 * HOUR });
    expect(errors).toEqual(expect.arrayContaining(['HTTP 302', 'ECONNREFUSED: connect ECONNREFUSED', 'HTTP 503']));
    expect(errors.some((e) => e.startsWith('WEBHOOK_TARGET_FORBIDDEN'))).toBe(true);
    expect(outcomes[outcomes.length - 1]).toBe('dead');
    expect(outcomes.filter((o) => o === 'dead')).toHaveLength(1);
  });

  it('drops a delivery whose webhook was removed, or whose body can no longer be opened (erased)', async () => {
    await store.save({ accountId: 'acc-2', url: 'https://hooks.other.example/sms', secret: SECRET, updatedAt: '2026-11-23T09:00:00.000Z' });
    await queue('e-1', 'acc-2');
    await queue('e-2', 'acc-1');
    (store.rows.get('e-2') as { body?: string }).body = undefined;
    await store.remove('acc-2');
    const poster = new ScriptedPoster([200]);
    // Rounds visit the accounts with a webhook; a removed one's rows were dropped with it — here by the targeted start.
    const deliveries = handler(poster);
    await deliveries.start(['acc-2', 'acc-1']);
    await deliveries.settled();
    expect([(await store.status('e-1'))?.state, (await store.status('e-2'))?.state]).toEqual(['DROPPED', 'DROPPED']);
    expect(poster.requests).toEqual([]);
    expect(outcomes).toEqual(['dropped', 'dropped']);
  });

  it('keeps at most the allowed attempts in flight, per account and overall, and starts the next as one settles', async () => {
    await store.save({ accountId: 'acc-2', url: 'https://hooks.other.example/sms', secret: SECRET, updatedAt: '2026-11-23T09:00:00.000Z' });
    for (const id of ['a-1', 'a-2', 'a-3', 'a-4']) await queue(id, 'acc-1');
    for (const id of ['b-1', 'b-2']) await queue(id, 'acc-2');
    const poster = new HeldPoster();
    const deliveries = handler(poster, { limits: { maxInFlight: 3, maxInFlightPerAccount: 2 } });
    const settledAccounts: string[] = [];
    deliveries.onSettled = (accountId) => settledAccounts.push(accountId);
    expect(await deliveries.start()).toBe(3);
    await until(() => poster.held.length === 3);
    const inFlight = () => poster.held.map((h) => h.request.headers['X-Sms-Event-Id']);
    expect(inFlight().filter((id) => id.startsWith('a-'))).toHaveLength(2);
    expect(inFlight()).toHaveLength(3);
    // Full: nothing more starts, and what is in flight is not handed out twice.
    expect(await deliveries.start()).toBe(0);
    poster.held[0].answer(200);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settledAccounts).toHaveLength(1);
    expect(await deliveries.start([settledAccounts[0]])).toBe(1);
    await until(() => poster.held.length === 4);
    expect(new Set(inFlight()).size).toBe(4);
    for (const held of poster.held.slice(1)) held.answer(200);
    await deliveries.settled();
    expect(await deliveries.start()).toBe(2);
    await until(() => poster.held.length === 6);
    for (const held of poster.held.slice(4)) held.answer(200);
    await deliveries.settled();
    expect([...store.rows.values()].every((r) => r.state === 'DELIVERED')).toBe(true);
  });

  it('on stop, aborts what is in flight and writes nothing: the rows stay PENDING for the next start', async () => {
    await queue('e-1');
    const poster = new HeldPoster();
    const deliveries = handler(poster);
    await deliveries.start();
    await until(() => poster.held.length === 1);
    await deliveries.stop();
    expect(await store.status('e-1')).toMatchObject({ state: 'PENDING', attempts: 0 });
    expect(await deliveries.start()).toBe(0);
    expect(outcomes).toEqual([]);
  });
});
