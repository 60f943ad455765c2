import type { UnitOfWork } from '@sms/use-case-kit';
import type { WebhookOutbox, WebhookSubscriptions } from './webhook-store';

/*
 * One behavioural specification of the webhooks' store, run by every adapter (SQLite, and the in-memory one the
 * handler specs use). Only the ports are used.
 */

export interface WebhookStoreFixture {
  subscriptions: WebhookSubscriptions;
  outbox: WebhookOutbox;
  unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const NONE = new Set<string>();

export function webhookStoreContract(name: string, factory: () => Promise<WebhookStoreFixture>): void {
  describe(`Webhook store contract: ${name}`, () => {
    let fixture: WebhookStoreFixture;
    let subscriptions: WebhookSubscriptions;
    let outbox: WebhookOutbox;
    const write = <T>(work: () => Promise<T>) => fixture.unitOfWork.transaction(work);
    const queue = (eventId: string, accountId = 'acc-1', queuedAt = T0, body = `{"id":"${eventId}"}`) =>
      write(() => outbox.enqueue({ eventId, accountId, eventType: 'sms.delivery-report.v1', body, queuedAt }));
    const dueIds = async (accountId: string, now: number, limit = 10, excluding = NONE) => (await outbox.due(accountId, now, limit, excluding)).map((d) => d.eventId);

    beforeEach(async () => {
      fixture = await factory();
      ({ subscriptions, outbox } = fixture);
    });

    afterEach(async () => {
      await fixture?.close();
    });

    it("keeps an account's webhook with its secret, replaces it, and removes it", async () => {
      expect(await subscriptions.find('acc-1')).toBeUndefined();
      expect(await subscriptions.has('acc-1')).toBe(false);
      await write(() => subscriptions.save({ accountId: 'acc-1', url: 'https://hooks.example.com/a', secret: 'first-secret-0123456789', updatedAt: '2026-11-23T10:00:00.000Z' }));
      await write(() => subscriptions.save({ accountId: 'acc-2', url: 'https://hooks.example.com/b', secret: 'second-secret-012345678', updatedAt: '2026-11-23T10:00:00.000Z' }));
      await write(() => subscriptions.save({ accountId: 'acc-1', url: 'https://hooks.example.com/a2', secret: 'third-secret-0123456789', updatedAt: '2026-11-23T11:00:00.000Z' }));
      expect(await subscriptions.find('acc-1')).toEqual({ accountId: 'acc-1', url: 'https://hooks.example.com/a2', secret: 'third-secret-0123456789', updatedAt: '2026-11-23T11:00:00.000Z' });
      expect(await subscriptions.has('acc-1')).toBe(true);
      expect((await subscriptions.accounts()).sort()).toEqual(['acc-1', 'acc-2']);
      expect(await write(() => subscriptions.remove('acc-1'))).toBe(true);
      expect(await write(() => subscriptions.remove('acc-1'))).toBe(false);
      expect([await subscriptions.find('acc-1'), await subscriptions.has('acc-1'), await subscriptions.accounts()]).toEqual([undefined, false, ['acc-2']]);
    });

    it('queues an event once: the same id again is not queued twice, even once it settled', async () => {
      expect(await queue('e-1')).toBe(true);
      expect(await queue('e-1', 'acc-1', T0 + 5, '{"other":true}')).toBe(false);
      const [due] = await outbox.due('acc-1', T0, 10, NONE);
      expect(due).toEqual({ eventId: 'e-1', accountId: 'acc-1', eventType: 'sms.delivery-report.v1', body: '{"id":"e-1"}', attempts: 0, queuedAt: T0 });
      await write(() => outbox.delivered('e-1', 1, T0 + 10));
      expect(await queue('e-1')).toBe(false);
      expect(await dueIds('acc-1', T0 + 100)).toEqual([]);
    });

    it("hands out an account's due deliveries, longest due first, within the limit, skipping those in flight", async () => {
      await queue('e-1', 'acc-1', T0);
      await queue('e-2', 'acc-1', T0 + 1);
      await queue('e-3', 'acc-1', T0 + 2);
      await queue('x-1', 'acc-2', T0);
      expect(await dueIds('acc-1', T0 - 1)).toEqual([]);
      expect(await dueIds('acc-1', T0 + 2)).toEqual(['e-1', 'e-2', 'e-3']);
      expect(await dueIds('acc-1', T0 + 2, 2)).toEqual(['e-1', 'e-2']);
      expect(await dueIds('acc-1', T0 + 2, 2, new Set(['e-1']))).toEqual(['e-2', 'e-3']);
      expect(await dueIds('acc-1', T0 + 2, 0)).toEqual([]);
      expect(await dueIds('acc-2', T0 + 2)).toEqual(['x-1']);
      expect(await outbox.nextDueAt()).toBe(T0);
    });

    it('reschedules a failed attempt and counts it; a delivery is due again only at its time', async () => {
      await queue('e-1');
      await write(() => outbox.retryAt('e-1', 1, T0 + 10_000, 'HTTP 500'));
      expect(await dueIds('acc-1', T0 + 9_999)).toEqual([]);
      expect(await outbox.nextDueAt()).toBe(T0 + 10_000);
      expect((await outbox.due('acc-1', T0 + 10_000, 10, NONE)).map((d) => [d.eventId, d.attempts])).toEqual([['e-1', 1]]);
      expect(await outbox.status('e-1')).toMatchObject({ state: 'PENDING', attempts: 1, nextAttemptAt: T0 + 10_000, lastError: 'HTTP 500', queuedAt: T0 });
    });

    it('settles deliveries as DELIVERED, DEAD or DROPPED: none is due again, and a settled one stays settled', async () => {
      for (const id of ['e-1', 'e-2', 'e-3']) await queue(id);
      await write(() => outbox.delivered('e-1', 2, T0 + 1));
      await write(() => outbox.dead('e-2', 30, T0 + 2, 'timeout'));
      await write(() => outbox.drop('e-3', T0 + 3, 'data erased'));
      await write(() => outbox.retryAt('e-1', 3, T0 + 5, 'late'));
      expect(await dueIds('acc-1', T0 + 1_000_000)).toEqual([]);
      expect(await outbox.nextDueAt()).toBeUndefined();
      expect(await outbox.status('e-1')).toMatchObject({ state: 'DELIVERED', attempts: 2, settledAt: T0 + 1 });
      expect(await outbox.status('e-2')).toMatchObject({ state: 'DEAD', attempts: 30, settledAt: T0 + 2, lastError: 'timeout' });
      expect(await outbox.status('e-3')).toMatchObject({ state: 'DROPPED', settledAt: T0 + 3 });
      expect(await outbox.status('nope')).toBeUndefined();
    });

    it("drops an account's pending deliveries when its webhook goes, and only those", async () => {
      await queue('e-1', 'acc-1');
      await queue('e-2', 'acc-1');
      await queue('x-1', 'acc-2');
      await write(() => outbox.delivered('e-2', 1, T0 + 1));
      expect(await write(() => outbox.dropPending('acc-1', T0 + 2))).toBe(1);
      expect([(await outbox.status('e-1'))?.state, (await outbox.status('e-2'))?.state, (await outbox.status('x-1'))?.state]).toEqual(['DROPPED', 'DELIVERED', 'PENDING']);
    });

    it('prunes settled deliveries settled before a time, a chunk at a time, never pending ones', async () => {
      for (const id of ['e-1', 'e-2', 'e-3', 'e-4']) await queue(id);
      await write(() => outbox.delivered('e-1', 1, T0 + 1));
      await write(() => outbox.delivered('e-2', 1, T0 + 2));
      await write(() => outbox.dead('e-3', 9, T0 + 3, 'HTTP 410'));
      expect(await write(() => outbox.prune(T0 + 3, 1))).toBe(1);
      expect(await write(() => outbox.prune(T0 + 3, 10))).toBe(1);
      expect([await outbox.status('e-1'), await outbox.status('e-2')]).toEqual([undefined, undefined]);
      expect([(await outbox.status('e-3'))?.state, (await outbox.status('e-4'))?.state]).toEqual(['DEAD', 'PENDING']);
    });

    it("purges an account's deliveries queued before a time, or all of them, and nothing of others", async () => {
      await queue('e-1', 'acc-1', T0);
      await queue('e-2', 'acc-1', T0 + 10);
      await queue('e-3', 'acc-1', T0 + 20);
      await queue('x-1', 'acc-2', T0);
      expect(await write(() => outbox.purge('acc-1', T0 + 10, 100))).toBe(1);
      expect(await write(() => outbox.purge('acc-1', undefined, 1))).toBe(1);
      expect(await write(() => outbox.purge('acc-1', undefined, 100))).toBe(1);
      expect(await write(() => outbox.purge('acc-1', undefined, 100))).toBe(0);
      expect([await outbox.status('e-1'), await outbox.status('e-2'), await outbox.status('e-3')]).toEqual([undefined, undefined, undefined]);
      expect((await outbox.status('x-1'))?.state).toBe('PENDING');
    });
  });
}
