import type { UnitOfWork } from '@sms/use-case-kit';
import type { MessageReadModel } from '../../messages/application/message-read-model';
import { batchOf } from '../../messages/application/message-read-model.contract';
import type { BatchAccepted } from '../../messages/domain/events';
import type { StatusUpdate } from '../../messages/domain/message-status';
import { binEdges, emptyHistogram, LATENCY_BINS, latencyBin, percentile } from '../domain/latency-histogram';
import { type StatisticsDimension, type StatisticsRow, statisticsRows } from '../domain/statistics-rows';
import type { StatisticsStore } from './statistics-store';

/*
 * One behavioural specification of the statistics buckets, run by every adapter (SQLite; the in-memory one of the
 * handler specs). Messages go through the message read model's own writes, as the consumers make them; the
 * statistics are read through the port and folded into rows by the domain. The oracle is the definition in
 * domain/contribution.ts and domain/latency-histogram.ts.
 */

export interface StatisticsFixture {
  /** The message read model whose writes feed the buckets. */
  messages: MessageReadModel;
  statistics: StatisticsStore;
  unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

const hour = (time: string) => Math.floor(Date.parse(time) / 3_600_000);
/** 2026-11-23 and the day after, in hours. */
const TWO_DAYS = { fromHour: hour('2026-11-23T00:00:00Z'), toHour: hour('2026-11-25T00:00:00Z') };
const at = (base: string, ms: number) => new Date(Date.parse(base) + ms).toISOString();

/** A batch of messages with the given segments, operators and countries (defaults: one segment, CMCC, CN). */
function batch(batchId: string, ids: string[], overrides: Partial<BatchAccepted> = {}, each: Partial<BatchAccepted['messages'][number]> = {}): BatchAccepted {
  const b = batchOf(batchId, ids, { acceptedAt: '2026-11-23T10:15:00.000Z', ...overrides });
  return { ...b, messages: b.messages.map((m) => ({ ...m, ...each })) };
}

const SUBMIT = (messageId: string, submittedAt = '2026-11-23T10:15:01.000Z', channelId = 'smpp-default'): StatusUpdate => ({
  messageId,
  status: 'SUBMITTED',
  submittedAt,
  operatorMessageIds: [`op-${messageId}`],
  channelId,
});
const DELIVER = (messageId: string, doneAt: string, extra: Partial<StatusUpdate> = {}): StatusUpdate => ({ messageId, status: 'DELIVERED', doneAt, ...extra });

/** p50/p95 of one sample of `ms`, as the histogram reads it. */
const singleSample = (ms: number, p: number) => {
  const histogram = emptyHistogram();
  histogram[latencyBin(ms)] = 1;
  return percentile(histogram, p);
};

export function statisticsStoreContract(name: string, factory: () => Promise<StatisticsFixture>): void {
  describe(`StatisticsStore contract: ${name}`, () => {
    let fixture: StatisticsFixture;
    const write = (work: () => Promise<void>) => fixture.unitOfWork.transaction(work);
    const advance = (...updates: StatusUpdate[]) => write(() => fixture.messages.advance(updates));
    /** One account's rows (acc-1 unless named); null: every account's. */
    const rows = async (groupBy: StatisticsDimension, period = TWO_DAYS, accountId: string | null = 'acc-1'): Promise<StatisticsRow[]> =>
      statisticsRows(groupBy, await fixture.statistics.totals({ ...period, groupBy, ...(accountId !== null ? { accountId } : {}) }));
    const only = async (groupBy: StatisticsDimension = 'kind') => {
      const found = await rows(groupBy);
      expect(found).toHaveLength(1);
      return found[0];
    };

    beforeEach(async () => {
      fixture = await factory();
    });

    afterEach(() => fixture.close());

    it('counts each message once along its way, however often and in whatever order the news comes', async () => {
      await write(() => fixture.messages.insertBatches([batch('b-1', ['m-1', 'm-2', 'm-3'], {}, { segments: 2 })]));
      expect(await rows('kind')).toEqual([]);
      const queued = ['m-1', 'm-2', 'm-3'].map((messageId): StatusUpdate => ({ messageId, status: 'QUEUED', channelId: 'smpp-default' }));
      await advance(...queued);
      expect(await rows('kind')).toEqual([]);
      await advance(SUBMIT('m-1'), SUBMIT('m-2'), SUBMIT('m-3'));
      await advance(DELIVER('m-1', '2026-11-23T10:15:03.500Z'), { messageId: 'm-2', status: 'UNDELIVERED', doneAt: '2026-11-23T10:15:04.000Z', errorCode: 'UNDELIV' });
      // Redelivered and late news: the acknowledgements again, the receipts again, routing again.
      await advance(SUBMIT('m-1'), SUBMIT('m-2'), DELIVER('m-1', '2026-11-23T10:15:03.500Z'), DELIVER('m-1', '2026-11-23T10:15:03.500Z'));
      await advance({ messageId: 'm-2', status: 'UNDELIVERED', doneAt: '2026-11-23T10:15:04.000Z', errorCode: 'UNDELIV' }, ...queued);
      await write(() => fixture.messages.advance([]));

      expect(await only('kind')).toEqual({
        key: 'notification',
        submitted: 3,
        delivered: 1,
        undelivered: 1,
        failed: 0,
        failedByReason: {},
        billedSegments: 6,
        successRate: 0.3333,
        p50DeliveryMs: singleSample(2_500, 0.5),
        p95DeliveryMs: singleSample(2_500, 0.95),
      });
      // By status: the one still waiting for its receipt counts as submitted, under SUBMITTED.
      expect((await rows('status')).map((r) => [r.key, r.submitted, r.delivered, r.undelivered, r.billedSegments])).toEqual([
        ['DELIVERED', 1, 1, 0, 2],
        ['SUBMITTED', 1, 0, 0, 2],
        ['UNDELIVERED', 1, 0, 1, 2],
      ]);
    });

    it('takes the latency from the submission time the row ends with when the receipt overtook the acknowledgement', async () => {
      await write(() => fixture.messages.insertBatches([batch('b-1', ['m-1'])]));
      await advance(DELIVER('m-1', '2026-11-23T10:16:00.000Z', { submittedAt: '2026-11-23T10:15:00.000Z', channelId: 'smpp-default' }));
      expect(await only()).toMatchObject({ submitted: 1, delivered: 1, billedSegments: 1, p50DeliveryMs: singleSample(60_000, 0.5) });
      await advance(SUBMIT('m-1', '2026-11-23T10:15:59.000Z'));
      expect(await only()).toMatchObject({ submitted: 1, delivered: 1, billedSegments: 1, successRate: 1, p50DeliveryMs: singleSample(1_000, 0.5) });
    });

    it('counts failures by reason, and as submitted only those the operator took', async () => {
      const ids = ['no-route', 'refused', 'blocked', 'expired', 'dlr-failed', 'no-code', 'cancelled', 'waiting', 'held'];
      await write(() => fixture.messages.insertBatches([batch('b-1', ids, {}, { segments: 3 })]));
      await advance(
        { messageId: 'no-route', status: 'FAILED', errorCode: 'NO_ROUTE', errorDetail: 'No channel serves this operator' },
        { messageId: 'refused', status: 'REJECTED', errorCode: 'INSUFFICIENT_BALANCE' },
        { messageId: 'blocked', status: 'BLOCKED', errorCode: 'CONTENT_BLOCKED' },
        SUBMIT('expired'),
        SUBMIT('dlr-failed'),
        { messageId: 'no-code', status: 'FAILED' },
        { messageId: 'cancelled', status: 'CANCELLED', errorCode: 'CANCELLED_BY_CUSTOMER' },
        // Held for a reviewer (ADR 0036): counts nowhere while it waits.
        { messageId: 'held', status: 'HELD', errorCode: 'HELD_FOR_REVIEW', errorDetail: 'held for human review: fraud' },
      );
      await advance(
        { messageId: 'expired', status: 'EXPIRED', errorCode: 'RECEIPT_TIMEOUT', doneAt: '2026-11-26T10:15:01.000Z' },
        { messageId: 'dlr-failed', status: 'FAILED', errorCode: 'REJECTD', doneAt: '2026-11-23T10:15:09.000Z' },
      );
      expect(await only()).toEqual({
        key: 'notification',
        submitted: 2,
        delivered: 0,
        undelivered: 0,
        failed: 6,
        failedByReason: { NO_ROUTE: 1, INSUFFICIENT_BALANCE: 1, CONTENT_BLOCKED: 1, RECEIPT_TIMEOUT: 1, REJECTD: 1, FAILED: 1 },
        billedSegments: 6,
        successRate: 0,
        p50DeliveryMs: null,
        p95DeliveryMs: null,
      });
      // The held one is blocked by the reviewer: its note gives way to the block's reason.
      await advance({ messageId: 'held', status: 'BLOCKED', errorCode: 'CONTENT_BLOCKED' });
      expect((await only()).failedByReason).toMatchObject({ CONTENT_BLOCKED: 2 });
    });

    it('groups by every dimension of the contract, within [from, to) by the hour', async () => {
      await write(() =>
        fixture.messages.insertBatches([
          batch('b-1', ['a-1', 'a-2'], { acceptedAt: '2026-11-23T10:59:59.999Z', kind: 'verification', templateId: 'tpl-code', signatureId: 'sig-a' }),
          batch('b-2', ['a-3'], { acceptedAt: '2026-11-23T11:00:00.000Z', templateId: 'tpl-notice' }, { operator: 'CUCC' }),
          batch('b-3', ['a-4'], { acceptedAt: '2026-11-24T08:30:00.000Z', kind: 'international', templateId: 'tpl-intl' }, { operator: 'INTERNATIONAL', countryCode: 'US' }),
          batch('b-4', ['a-5'], { acceptedAt: '2026-11-24T09:00:00.000Z' }),
          batch('b-5', ['x-1'], { accountId: 'acc-2', acceptedAt: '2026-11-23T10:00:00.000Z' }),
        ]),
      );
      await advance(
        SUBMIT('a-1', '2026-11-23T11:00:01.000Z', 'cmpp-1'),
        SUBMIT('a-2', '2026-11-23T11:00:01.000Z', 'cmpp-1'),
        SUBMIT('a-3', '2026-11-23T11:00:01.000Z', 'sgip-1'),
        SUBMIT('a-4', '2026-11-24T08:30:01.000Z', 'smpp-intl'),
        SUBMIT('x-1', '2026-11-23T10:00:01.000Z'),
        { messageId: 'a-5', status: 'REJECTED', errorCode: 'INSUFFICIENT_BALANCE' },
      );
      await advance(DELIVER('a-1', '2026-11-23T11:00:02.000Z'), DELIVER('a-3', '2026-11-23T11:00:03.000Z'), DELIVER('x-1', '2026-11-23T10:00:02.000Z'));

      const keys = async (groupBy: StatisticsDimension, period = TWO_DAYS, accountId?: string) =>
        (await rows(groupBy, period, accountId ?? 'acc-1')).map((r) => [r.key, r.submitted, r.delivered, r.failed]);
      expect(await keys('day')).toEqual([
        ['2026-11-23', 3, 2, 0],
        ['2026-11-24', 1, 0, 1],
      ]);
      expect(await keys('hour')).toEqual([
        ['2026-11-23T10:00:00.000Z', 2, 1, 0],
        ['2026-11-23T11:00:00.000Z', 1, 1, 0],
        ['2026-11-24T08:00:00.000Z', 1, 0, 0],
        ['2026-11-24T09:00:00.000Z', 0, 0, 1],
      ]);
      expect(await keys('kind')).toEqual([
        ['international', 1, 0, 0],
        ['notification', 1, 1, 1],
        ['verification', 2, 1, 0],
      ]);
      expect(await keys('template')).toEqual([
        ['tpl-1', 0, 0, 1],
        ['tpl-code', 2, 1, 0],
        ['tpl-intl', 1, 0, 0],
        ['tpl-notice', 1, 1, 0],
      ]);
      expect(await keys('signature')).toEqual([
        ['sig-1', 2, 1, 1],
        ['sig-a', 2, 1, 0],
      ]);
      expect(await keys('operator')).toEqual([
        ['CMCC', 2, 1, 1],
        ['CUCC', 1, 1, 0],
        ['INTERNATIONAL', 1, 0, 0],
      ]);
      expect(await keys('country')).toEqual([
        ['CN', 3, 2, 1],
        ['US', 1, 0, 0],
      ]);
      expect(await keys('status')).toEqual([
        ['DELIVERED', 2, 2, 0],
        ['REJECTED', 0, 0, 1],
        ['SUBMITTED', 2, 0, 0],
      ]);
      expect(await keys('channel')).toEqual([
        ['cmpp-1', 2, 1, 0],
        ['sgip-1', 1, 1, 0],
        ['smpp-intl', 1, 0, 0],
        [null, 0, 0, 1],
      ]);
      // The hour a message was accepted in decides: 10:59:59.999 is in [10:00, 11:00), 11:00:00 is not.
      const tenOClock = { fromHour: hour('2026-11-23T10:00:00Z'), toHour: hour('2026-11-23T11:00:00Z') };
      expect(await keys('template', tenOClock)).toEqual([['tpl-code', 2, 1, 0]]);
      // Within a day: from 23 Nov 11:00 to 24 Nov 09:00 leaves out the first two and the last.
      const within = { fromHour: hour('2026-11-23T11:00:00Z'), toHour: hour('2026-11-24T09:00:00Z') };
      expect(await keys('template', within)).toEqual([
        ['tpl-intl', 1, 0, 0],
        ['tpl-notice', 1, 1, 0],
      ]);
      // A whole day and hours on both sides of it: 22 Nov 20:00 to 24 Nov 09:00 leaves out the last only.
      const across = { fromHour: hour('2026-11-22T20:00:00Z'), toHour: hour('2026-11-24T09:00:00Z') };
      expect(await keys('template', across)).toEqual([
        ['tpl-code', 2, 1, 0],
        ['tpl-intl', 1, 0, 0],
        ['tpl-notice', 1, 1, 0],
      ]);
      const days = { fromHour: hour('2026-11-22T00:00:00Z'), toHour: hour('2026-11-26T00:00:00Z') };
      expect(await keys('operator', days)).toEqual(await keys('operator'));
      // Another account's messages are its own; staff may read every account's at once.
      expect(await keys('kind', TWO_DAYS, 'acc-2')).toEqual([['notification', 1, 1, 0]]);
      expect((await rows('kind', TWO_DAYS, null)).map((r) => [r.key, r.submitted, r.delivered, r.failed])).toEqual([
        ['international', 1, 0, 0],
        ['notification', 2, 2, 1],
        ['verification', 2, 1, 0],
      ]);
      expect(await rows('kind', TWO_DAYS, 'acc-unknown')).toEqual([]);
    });

    it('bins each latency as latencyBin does, on both sides of every bin edge', async () => {
      const latencies = [0, 1, 99];
      for (let bin = 1; bin < LATENCY_BINS; bin++) {
        const [lower] = binEdges(bin);
        latencies.push(Math.floor(lower) - 1, Math.floor(lower), Math.ceil(lower), Math.ceil(lower) + 1);
      }
      const ids = latencies.map((_, i) => `l-${i}`);
      await write(() => fixture.messages.insertBatches([batch('b-1', ids)]));
      const submittedAt = '2026-11-23T10:15:01.000Z';
      await advance(...ids.map((id, i) => DELIVER(id, at(submittedAt, latencies[i]), { submittedAt })));
      const expected = emptyHistogram();
      for (const ms of latencies) expected[latencyBin(ms)] += 1;
      const totals = await fixture.statistics.totals({ ...TWO_DAYS, accountId: 'acc-1', groupBy: 'status' });
      expect(totals.map((t) => [t.group, t.messages, t.latency])).toEqual([['DELIVERED', latencies.length, expected]]);
    });

    it('keeps the statistics when the messages age out, and erases an account’s buckets (only its own) on request', async () => {
      await write(() => fixture.messages.insertBatches([batch('b-1', ['m-1', 'm-2']), batch('b-2', ['x-1'], { accountId: 'acc-2' })]));
      await advance(SUBMIT('m-1'), SUBMIT('m-2'), SUBMIT('x-1'));
      await advance(DELIVER('m-1', '2026-11-23T10:15:02.000Z'), { messageId: 'm-2', status: 'FAILED', errorCode: 'REJECTD' });
      const before = await rows('template');
      await write(async () => {
        await fixture.messages.purge('acc-1', undefined, 100);
      });
      expect(await fixture.messages.find('m-1')).toBeUndefined();
      expect(await rows('template')).toEqual(before);

      let deleted: number;
      do deleted = await fixture.unitOfWork.transaction(() => fixture.statistics.purge('acc-1', 1));
      while (deleted >= 1);
      expect(await rows('template')).toEqual([]);
      expect(await rows('day')).toEqual([]);
      expect((await rows('template', TWO_DAYS, 'acc-2')).map((r) => r.submitted)).toEqual([1]);
      expect(await fixture.unitOfWork.transaction(() => fixture.statistics.purge('acc-1', 10))).toBe(0);
    });
  });
}
