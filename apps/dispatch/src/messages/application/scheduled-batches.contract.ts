import type { ScheduledBatch, ScheduledBatches } from './scheduled-batches';

/* One behavioural specification of the scheduled batches, run by every adapter's spec. */

export interface ScheduledBatchesFixture {
  repository: ScheduledBatches;
  close(): Promise<void>;
}

const batch = (batchId: string, dueAt: string, accountId = 'acc-1'): ScheduledBatch => ({ batchId, accountId, dueAt });

export function scheduledBatchesContract(name: string, factory: () => Promise<ScheduledBatchesFixture>): void {
  describe(`ScheduledBatches contract: ${name}`, () => {
    let fixture: ScheduledBatchesFixture;
    let scheduled: ScheduledBatches;

    beforeEach(async () => {
      fixture = await factory();
      scheduled = fixture.repository;
      await scheduled.plan([batch('b-3', '2026-12-01T10:00:00.000Z'), batch('b-1', '2026-12-01T08:00:00.000Z'), batch('b-2', '2026-12-01T09:00:00.000Z', 'acc-2')]);
    });
    afterEach(() => fixture.close());

    it('answers the batches due at a time, earliest first, up to the limit', async () => {
      expect((await scheduled.due('2026-12-01T09:00:00.000Z', 10)).map((b) => b.batchId)).toEqual(['b-1', 'b-2']);
      expect((await scheduled.due('2026-12-01T12:00:00.000Z', 2)).map((b) => b.batchId)).toEqual(['b-1', 'b-2']);
      expect(await scheduled.due('2026-12-01T07:59:59.999Z', 10)).toEqual([]);
    });

    it('keeps the first plan of a batch (a replayed projection changes nothing)', async () => {
      await scheduled.plan([batch('b-1', '2026-12-05T00:00:00.000Z')]);
      expect(await scheduled.due('2026-12-01T08:00:00.000Z', 10)).toEqual([batch('b-1', '2026-12-01T08:00:00.000Z')]);
    });

    it('tells when the next batch is due, and forgets removed batches', async () => {
      expect(await scheduled.nextDueAt()).toBe('2026-12-01T08:00:00.000Z');
      await scheduled.remove(['b-1', 'unknown']);
      expect(await scheduled.nextDueAt()).toBe('2026-12-01T09:00:00.000Z');
      await scheduled.remove(['b-2', 'b-3']);
      expect(await scheduled.nextDueAt()).toBeUndefined();
    });

    it("lists one account's waiting batches", async () => {
      expect((await scheduled.ofAccount('acc-1', 10)).map((b) => b.batchId)).toEqual(['b-1', 'b-3']);
      expect((await scheduled.ofAccount('acc-1', 1)).map((b) => b.batchId)).toEqual(['b-1']);
      expect(await scheduled.ofAccount('acc-9', 10)).toEqual([]);
    });
  });
}
