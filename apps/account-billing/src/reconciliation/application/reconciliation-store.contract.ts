import type { UnitOfWork } from '@sms/use-case-kit';
import type { AcknowledgedMessage, BilledMessage } from '../domain/message-segments';
import type { ReconciliationStore, StatementStore, StoredStatement } from './reconciliation-store';

/* One behavioural specification of the reconciliation table and the statements, run by every adapter's spec. */

export interface ReconciliationStoreFixture {
  store: ReconciliationStore;
  statements: StatementStore;
  unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

const T0 = Date.parse('2026-11-01T00:00:00.000Z');
const HOUR = 3_600_000;
const NOVEMBER = { fromMs: T0, toMs: Date.parse('2026-12-01T00:00:00.000Z') };

export const acknowledgedOf = (messageId: string, segments: number, atMs = T0 + HOUR, extra: Partial<AcknowledgedMessage> = {}): AcknowledgedMessage => ({
  messageId,
  accountId: 'acc-a',
  batchId: 'batch-1',
  segments,
  atMs,
  ...extra,
});

export const billedOf = (messageId: string, segments: number, chargedMinor = BigInt(segments) * 450n, atMs = T0 + HOUR + 5, extra: Partial<BilledMessage> = {}): BilledMessage => ({
  messageId,
  accountId: 'acc-a',
  batchId: 'batch-1',
  segments,
  chargedMinor,
  atMs,
  ...extra,
});

export const statementOf = (statementId: string, periodStart: string, periodEnd: string, importedAt: string, extra: Partial<StoredStatement> = {}): StoredStatement => ({
  statementId,
  accountId: 'acc-a',
  rows: [{ start: periodStart, end: periodEnd, startMs: Date.parse(periodStart), endMs: Date.parse(periodEnd), segments: 98 }],
  periodStart,
  periodEnd,
  operatorSegments: 98,
  importedAt,
  importedBy: 'ak_operator',
  ...extra,
});

export function reconciliationStoreContract(name: string, factory: () => Promise<ReconciliationStoreFixture>): void {
  describe(`ReconciliationStore contract: ${name}`, () => {
    let fixture: ReconciliationStoreFixture;
    let store: ReconciliationStore;
    let statements: StatementStore;
    const write = <T>(work: () => Promise<T>): Promise<T> => fixture.unitOfWork.transaction(work);

    beforeEach(async () => {
      fixture = await factory();
      ({ store, statements } = fixture);
    });
    afterEach(async () => {
      await fixture?.close();
    });

    it('counts acknowledged and billed segments per account and period, by acknowledgement time', async () => {
      await write(async () => {
        await store.acknowledged([acknowledgedOf('m-1', 2), acknowledgedOf('m-2', 1), acknowledgedOf('m-3', 3, T0 - 1)]);
        await store.acknowledged([acknowledgedOf('x-1', 5, T0 + HOUR, { accountId: 'acc-b' })]);
        await store.billed([billedOf('m-1', 2), billedOf('m-2', 1), billedOf('m-3', 3)]);
      });
      expect(await store.totals('acc-a', [NOVEMBER])).toEqual([{ submittedSegments: 3, billedSegments: 3 }]);
      // m-3 was acknowledged in October and captured in November: it counts in October on both sides.
      expect(await store.totals('acc-a', [{ fromMs: T0 - HOUR, toMs: T0 }])).toEqual([{ submittedSegments: 3, billedSegments: 3 }]);
      expect(await store.totals('acc-b', [NOVEMBER, { fromMs: T0, toMs: T0 + HOUR }])).toEqual([
        { submittedSegments: 5, billedSegments: 0 },
        { submittedSegments: 0, billedSegments: 0 },
      ]);
      expect(await store.totals('acc-none', [NOVEMBER])).toEqual([{ submittedSegments: 0, billedSegments: 0 }]);
    });

    it('counts a message once however often either side arrives, in either order, in one batch or several', async () => {
      await write(async () => {
        await store.billed([billedOf('m-1', 2)]);
        await store.acknowledged([acknowledgedOf('m-1', 2), acknowledgedOf('m-1', 2)]);
        await store.acknowledged([acknowledgedOf('m-1', 2)]);
        await store.billed([billedOf('m-1', 2), billedOf('m-2', 1)]);
        await store.acknowledged([acknowledgedOf('m-2', 1)]);
        await store.billed([billedOf('m-2', 1)]);
      });
      expect(await store.totals('acc-a', [NOVEMBER])).toEqual([{ submittedSegments: 3, billedSegments: 3 }]);
      expect(await store.charges('acc-a', ['m-1', 'm-2'])).toEqual(expect.arrayContaining([
        { messageId: 'm-1', chargedMinor: 900n },
        { messageId: 'm-2', chargedMinor: 450n },
      ]));
    });

    it('keeps the larger acknowledged count and the earlier acknowledgement time of a message acknowledged twice', async () => {
      await write(async () => {
        await store.acknowledged([acknowledgedOf('m-1', 1, T0 + 2 * HOUR)]);
        await store.acknowledged([acknowledgedOf('m-1', 2, T0 + HOUR)]);
        await store.acknowledged([acknowledgedOf('m-1', 1, T0 + 3 * HOUR)]);
      });
      expect(await store.totals('acc-a', [{ fromMs: T0 + HOUR, toMs: T0 + 2 * HOUR }])).toEqual([{ submittedSegments: 2, billedSegments: 0 }]);
      expect(await store.totals('acc-a', [{ fromMs: T0 + 2 * HOUR, toMs: T0 + 4 * HOUR }])).toEqual([{ submittedSegments: 0, billedSegments: 0 }]);
    });

    it('counts a billed message at its capture time until its acknowledgement arrives, then at the acknowledgement time', async () => {
      const acknowledgedAt = T0 - 1;
      const capturedAt = T0 + 1;
      await write(() => store.billed([billedOf('m-1', 2, 900n, capturedAt)]));
      expect(await store.totals('acc-a', [NOVEMBER])).toEqual([{ submittedSegments: 0, billedSegments: 2 }]);
      await write(() => store.acknowledged([acknowledgedOf('m-1', 2, acknowledgedAt)]));
      expect(await store.totals('acc-a', [NOVEMBER])).toEqual([{ submittedSegments: 0, billedSegments: 0 }]);
      expect(await store.totals('acc-a', [{ fromMs: T0 - HOUR, toMs: T0 }])).toEqual([{ submittedSegments: 2, billedSegments: 2 }]);
      // A replayed capture does not move it back.
      await write(() => store.billed([billedOf('m-1', 2, 900n, capturedAt)]));
      expect(await store.totals('acc-a', [{ fromMs: T0 - HOUR, toMs: T0 }])).toEqual([{ submittedSegments: 2, billedSegments: 2 }]);
    });

    it('shows a difference between the sides as it is: acknowledged but not billed, billed more than acknowledged', async () => {
      await write(async () => {
        await store.acknowledged([acknowledgedOf('m-1', 2), acknowledgedOf('m-2', 3), acknowledgedOf('m-3', 1)]);
        await store.billed([billedOf('m-1', 2), billedOf('m-3', 2)]);
      });
      expect(await store.totals('acc-a', [NOVEMBER])).toEqual([{ submittedSegments: 6, billedSegments: 4 }]);
    });

    it('answers the charges of billed messages of the account only', async () => {
      await write(async () => {
        await store.acknowledged([acknowledgedOf('m-2', 1)]);
        await store.billed([billedOf('m-1', 3, 1350n), billedOf('x-1', 1, 450n, T0, { accountId: 'acc-b' })]);
      });
      expect(await store.charges('acc-a', ['m-1', 'm-2', 'x-1', 'nope'])).toEqual([{ messageId: 'm-1', chargedMinor: 1350n }]);
      expect(await store.charges('acc-b', ['m-1', 'x-1'])).toEqual([{ messageId: 'x-1', chargedMinor: 450n }]);
      expect(await store.charges('acc-a', [])).toEqual([]);
    });

    it('keeps charges beyond the range of a double exactly', async () => {
      const huge = 2n ** 62n + 1n;
      await write(() => store.billed([billedOf('m-1', 1, huge)]));
      expect(await store.charges('acc-a', ['m-1'])).toEqual([{ messageId: 'm-1', chargedMinor: huge }]);
    });

    it('does not let another account take over a message row', async () => {
      await write(async () => {
        await store.acknowledged([acknowledgedOf('m-1', 2)]);
        await store.acknowledged([acknowledgedOf('m-1', 9, T0 + HOUR, { accountId: 'acc-b' })]);
        await store.billed([billedOf('m-1', 9, 9n, T0 + HOUR, { accountId: 'acc-b' })]);
      });
      expect(await store.totals('acc-a', [NOVEMBER])).toEqual([{ submittedSegments: 2, billedSegments: 0 }]);
      expect(await store.totals('acc-b', [NOVEMBER])).toEqual([{ submittedSegments: 0, billedSegments: 0 }]);
      expect(await store.charges('acc-b', ['m-1'])).toEqual([]);
    });

    it('rolls back with the unit of work that wrote', async () => {
      await expect(
        write(async () => {
          await store.acknowledged([acknowledgedOf('m-1', 2)]);
          throw new Error('crash before commit');
        }),
      ).rejects.toThrow('crash before commit');
      expect(await store.totals('acc-a', [NOVEMBER])).toEqual([{ submittedSegments: 0, billedSegments: 0 }]);
    });

    it('keeps a statement once per id and finds the latest one covering a period', async () => {
      const month = statementOf('s-month', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z');
      const corrected = statementOf('s-corrected', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '2026-12-05T00:00:00.000Z', { operatorSegments: 100 });
      const half = statementOf('s-half', '2026-11-01T00:00:00.000Z', '2026-11-16T00:00:00.000Z', '2026-12-09T00:00:00.000Z');
      const other = statementOf('s-other', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '2026-12-10T00:00:00.000Z', { accountId: 'acc-b' });
      for (const statement of [month, corrected, half, other]) expect(await write(() => statements.save(statement))).toBe(true);
      expect(await write(() => statements.save({ ...month, importedAt: '2026-12-20T00:00:00.000Z' }))).toBe(false);

      expect(await statements.get('acc-a', 's-month')).toEqual(month);
      expect(await statements.get('acc-b', 's-month')).toBeUndefined();
      expect(await statements.latestCovering('acc-a', NOVEMBER)).toEqual(corrected);
      expect(await statements.latestCovering('acc-a', { fromMs: T0, toMs: Date.parse('2026-11-10T00:00:00.000Z') })).toEqual(half);
      expect(await statements.latestCovering('acc-a', { fromMs: T0 - 1, toMs: T0 + HOUR })).toBeUndefined();
      expect(await statements.latestCovering('acc-b', NOVEMBER)).toEqual(other);
      expect(await statements.latestCovering('acc-c', NOVEMBER)).toBeUndefined();
    });

    it('orders statements imported at the same moment by when they were saved', async () => {
      const first = statementOf('s-1', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z');
      const second = statementOf('s-2', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z', { operatorSegments: 7 });
      await write(() => statements.save(first));
      await write(() => statements.save(second));
      expect((await statements.latestCovering('acc-a', NOVEMBER))?.statementId).toBe('s-2');
    });
  });
}
