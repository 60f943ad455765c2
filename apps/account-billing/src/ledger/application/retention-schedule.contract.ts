import type { UnitOfWork } from '@sms/use-case-kit';
import type { RetentionSchedule } from './retention-schedule';

/* One behavioural specification of the retention schedule, run by every adapter's spec. */

export interface RetentionScheduleFixture {
  schedule: RetentionSchedule;
  unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

export function retentionScheduleContract(name: string, factory: () => Promise<RetentionScheduleFixture>): void {
  describe(`RetentionSchedule contract: ${name}`, () => {
    let fixture: RetentionScheduleFixture;
    let schedule: RetentionSchedule;
    const write = (work: () => Promise<void>) => fixture.unitOfWork.transaction(work);

    beforeEach(async () => {
      fixture = await factory();
      schedule = fixture.schedule;
    });
    afterEach(async () => {
      await fixture?.close();
    });

    it('lists opened accounts by id, a page at a time, each once however often it is seen', async () => {
      await write(async () => {
        await schedule.opened('acc-b', '2026-01-02T00:00:00.000Z');
        await schedule.opened('acc-a', '2026-01-01T00:00:00.000Z');
        await schedule.opened('acc-c', '2026-01-03T00:00:00.000Z');
        await schedule.opened('acc-a', '2026-05-05T00:00:00.000Z');
      });
      expect(await schedule.accounts(undefined, 10)).toEqual([
        { accountId: 'acc-a', openedAt: '2026-01-01T00:00:00.000Z' },
        { accountId: 'acc-b', openedAt: '2026-01-02T00:00:00.000Z' },
        { accountId: 'acc-c', openedAt: '2026-01-03T00:00:00.000Z' },
      ]);
      expect((await schedule.accounts(undefined, 2)).map((a) => a.accountId)).toEqual(['acc-a', 'acc-b']);
      expect((await schedule.accounts('acc-b', 2)).map((a) => a.accountId)).toEqual(['acc-c']);
    });

    it("keeps an account's own period, and forgets it when it goes back to the platform's", async () => {
      await write(async () => {
        await schedule.opened('acc-a', '2026-01-01T00:00:00.000Z');
        await schedule.retentionSet('acc-a', 30);
      });
      expect(await schedule.accounts(undefined, 10)).toEqual([{ accountId: 'acc-a', openedAt: '2026-01-01T00:00:00.000Z', retentionDays: 30 }]);
      await write(() => schedule.retentionSet('acc-a', undefined));
      expect(await schedule.accounts(undefined, 10)).toEqual([{ accountId: 'acc-a', openedAt: '2026-01-01T00:00:00.000Z' }]);
    });

    it('remembers the latest boundary erased, never an earlier one', async () => {
      await write(async () => {
        await schedule.opened('acc-a', '2026-01-01T00:00:00.000Z');
        await schedule.retentionErased('acc-a', '2026-03-01T00:00:00.000Z');
        await schedule.retentionErased('acc-a', '2026-02-01T00:00:00.000Z');
      });
      expect(await schedule.accounts(undefined, 10)).toEqual([{ accountId: 'acc-a', openedAt: '2026-01-01T00:00:00.000Z', erasedBefore: '2026-03-01T00:00:00.000Z' }]);
    });

    it('drops an erased account, for good', async () => {
      await write(async () => {
        await schedule.opened('acc-a', '2026-01-01T00:00:00.000Z');
        await schedule.opened('acc-b', '2026-01-01T00:00:00.000Z');
        await schedule.erased('acc-a');
        await schedule.retentionSet('acc-a', 30);
        await schedule.opened('acc-a', '2026-01-01T00:00:00.000Z');
      });
      expect((await schedule.accounts(undefined, 10)).map((a) => a.accountId)).toEqual(['acc-b']);
    });
  });
}
