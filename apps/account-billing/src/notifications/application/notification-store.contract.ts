import type { UnitOfWork } from '@sms/use-case-kit';
import type { NotificationRow, NotificationStore } from './notification-store';

/* One behavioural specification of the notification store, run by every adapter's spec. */

export interface NotificationStoreFixture {
  store: NotificationStore;
  unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

const AT = '2026-11-23T10:00:00.000Z';

export const notificationOf = (notificationId: string, accountId = 'acc-a', overrides: Partial<NotificationRow> = {}): NotificationRow => ({
  notificationId,
  accountId,
  kind: 'LOW_BALANCE',
  subject: `subject ${notificationId}`,
  body: `body ${notificationId}`,
  cause: { eventId: `cause-${notificationId}`, type: 'LowBalanceCrossed' },
  createdAt: AT,
  ...overrides,
});

export function notificationStoreContract(name: string, factory: () => Promise<NotificationStoreFixture>): void {
  describe(`NotificationStore contract: ${name}`, () => {
    let fixture: NotificationStoreFixture;
    let store: NotificationStore;
    const write = <T>(work: () => Promise<T>) => fixture.unitOfWork.transaction(work);
    const ids = async (accountId: string, limit = 50, before?: number) => (await store.list(accountId, limit, before)).map((n) => n.notificationId);

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture?.close();
    });

    it("keeps the notifier's accounts: status, erased, what a termination refunded", async () => {
      await write(() =>
        store.rememberAccounts(
          new Map([
            ['acc-a', { status: 'ACTIVE' as const, erased: false }],
            ['acc-b', { status: 'TERMINATED' as const, erased: false, refundedMinor: 123_400n }],
          ]),
        ),
      );
      expect(await store.knownAccounts(['acc-b', 'acc-x', 'acc-b'])).toEqual(new Map([['acc-b', { status: 'TERMINATED', erased: false, refundedMinor: 123_400n }]]));
      await write(() => store.rememberAccounts(new Map([['acc-b', { status: 'SUSPENDED' as const, erased: true }]])));
      expect(await store.allKnownAccounts()).toEqual(
        new Map([
          ['acc-a', { status: 'ACTIVE', erased: false }],
          ['acc-b', { status: 'SUSPENDED', erased: true }],
        ]),
      );
    });

    it('records a notification once, with its e-mail PENDING, and lists an account’s newest first a page at a time', async () => {
      expect(await write(() => store.record(notificationOf('n-1')))).toBe(true);
      expect(await write(() => store.record(notificationOf('n-1', 'acc-a', { subject: 'changed' })))).toBe(false);
      await write(async () => {
        await store.record(notificationOf('n-2'));
        await store.record(notificationOf('n-other', 'acc-b'));
        await store.record(notificationOf('n-3', 'acc-a', { kind: 'PRICE_CHANGE', cause: { eventId: 'price', type: 'PriceCataloguePublished' } }));
      });
      const [newest] = await store.list('acc-a', 1);
      expect(newest).toEqual({ ...notificationOf('n-3', 'acc-a', { kind: 'PRICE_CHANGE', cause: { eventId: 'price', type: 'PriceCataloguePublished' } }), email: { status: 'PENDING', attempts: 0 }, sequence: expect.any(Number) });
      expect(await ids('acc-a')).toEqual(['n-3', 'n-2', 'n-1']);
      const firstPage = await store.list('acc-a', 2);
      expect(firstPage.map((n) => n.notificationId)).toEqual(['n-3', 'n-2']);
      expect(await ids('acc-a', 2, firstPage[1].sequence)).toEqual(['n-1']);
      expect((await store.list('acc-a', 1)).map((n) => n.subject)).toEqual(['subject n-3']);
      expect(await ids('acc-b')).toEqual(['n-other']);
      expect(await ids('acc-c')).toEqual([]);
    });

    it('answers the e-mails due, oldest first; a retry waits for its time; SENT is final', async () => {
      await write(async () => {
        await store.record(notificationOf('n-1'));
        await store.record(notificationOf('n-2', 'acc-b'));
      });
      expect((await store.dueEmails(AT, 10)).map((e) => [e.notificationId, e.accountId, e.subject, e.body, e.attempts])).toEqual([
        ['n-1', 'acc-a', 'subject n-1', 'body n-1', 0],
        ['n-2', 'acc-b', 'subject n-2', 'body n-2', 0],
      ]);
      expect((await store.dueEmails(AT, 1)).map((e) => e.notificationId)).toEqual(['n-1']);

      expect(await write(() => store.updateEmail('n-1', { status: 'PENDING', attempts: 1, nextAttemptAt: '2026-11-23T10:01:00.000Z', reason: '451 later' }))).toBe(true);
      expect((await store.dueEmails('2026-11-23T10:00:59.999Z', 10)).map((e) => e.notificationId)).toEqual(['n-2']);
      expect((await store.dueEmails('2026-11-23T10:01:00.000Z', 10)).map((e) => [e.notificationId, e.attempts])).toEqual([
        ['n-2', 0],
        ['n-1', 1],
      ]);
      expect((await store.list('acc-a', 1))[0].email).toEqual({ status: 'PENDING', attempts: 1, reason: '451 later' });

      expect(await write(() => store.updateEmail('n-1', { status: 'SENT', attempts: 2, sentAt: '2026-11-23T10:01:01.000Z' }))).toBe(true);
      expect(await write(() => store.updateEmail('n-1', { status: 'FAILED', attempts: 3, reason: 'late' }))).toBe(false);
      expect(await write(() => store.updateEmail('n-1', { status: 'PENDING', attempts: 3, nextAttemptAt: AT, reason: 'again' }))).toBe(false);
      expect((await store.list('acc-a', 1))[0].email).toEqual({ status: 'SENT', attempts: 2, sentAt: '2026-11-23T10:01:01.000Z' });
      expect(await write(() => store.updateEmail('n-2', { status: 'SKIPPED', attempts: 0, reason: 'no SMTP configured' }))).toBe(true);
      expect(await store.dueEmails('2030-01-01T00:00:00.000Z', 10)).toEqual([]);
      expect((await store.list('acc-b', 1))[0].email).toEqual({ status: 'SKIPPED', attempts: 0, reason: 'no SMTP configured' });
      expect(await write(() => store.updateEmail('n-unknown', { status: 'SENT', attempts: 1, sentAt: AT }))).toBe(false);
    });

    it("erases an account's notifications and e-mails, refuses any recorded for it later, and leaves the others", async () => {
      await write(async () => {
        await store.record(notificationOf('n-1'));
        await store.record(notificationOf('n-2'));
        await store.record(notificationOf('n-3', 'acc-b'));
      });
      expect(await write(() => store.erase('acc-a'))).toBe(2);
      expect(await ids('acc-a')).toEqual([]);
      expect((await store.dueEmails(AT, 10)).map((e) => e.notificationId)).toEqual(['n-3']);
      expect(await write(() => store.record(notificationOf('n-4')))).toBe(false);
      expect(await ids('acc-a')).toEqual([]);
      expect(await write(() => store.erase('acc-a'))).toBe(0);
      expect(await ids('acc-b')).toEqual(['n-3']);
    });

    it('commits nothing of a unit of work that fails', async () => {
      await expect(
        write(async () => {
          await store.record(notificationOf('n-1'));
          await store.rememberAccounts(new Map([['acc-a', { status: 'ACTIVE' as const, erased: false }]]));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await ids('acc-a')).toEqual([]);
      expect(await store.allKnownAccounts()).toEqual(new Map());
      expect(await write(() => store.record(notificationOf('n-1')))).toBe(true);
    });
  });
}
