import { batchOf } from '../../messages/application/message-read-model.contract';
import { StatisticsFeedingReadModel } from '../test-support';
import { GetStatisticsHandler } from './handler';

describe('GetStatisticsHandler', () => {
  const now = new Date('2026-11-30T10:20:00.000Z');
  async function given() {
    const messages = new StatisticsFeedingReadModel();
    await messages.insertBatches([
      batchOf('b-1', ['m-1', 'm-2'], { acceptedAt: '2026-11-23T10:15:00.000Z' }),
      batchOf('b-2', ['m-3'], { acceptedAt: '2026-11-30T10:05:00.000Z' }),
      batchOf('b-3', ['x-1'], { accountId: 'acc-2', acceptedAt: '2026-11-30T09:00:00.000Z' }),
    ]);
    await messages.advance(['m-1', 'm-2', 'm-3', 'x-1'].map((messageId) => ({ messageId, status: 'SUBMITTED', submittedAt: '2026-11-30T10:05:01.000Z', channelId: 'smpp-default' })));
    await messages.advance([
      { messageId: 'm-1', status: 'DELIVERED', doneAt: '2026-11-30T10:05:03.000Z' },
      { messageId: 'm-3', status: 'UNDELIVERED', doneAt: '2026-11-30T10:05:09.000Z' },
    ]);
    return new GetStatisticsHandler(messages.statistics, { now: () => now });
  }

  it('defaults to the last 7 days by day, up to and including the current hour, and says which hours it covered', async () => {
    const handler = await given();
    const result = await handler.handle({ accountId: 'acc-1' });
    expect(result).toMatchObject({ accountId: 'acc-1', from: '2026-11-23T11:00:00.000Z', to: '2026-11-30T11:00:00.000Z', groupBy: 'day' });
    // The 23 Nov 10:15 messages are just outside; this hour's is in.
    expect(result.rows.map((r) => [r.key, r.submitted, r.undelivered])).toEqual([['2026-11-30', 1, 1]]);
  });

  it('widens from and to to the hours they touch, and groups as asked', async () => {
    const handler = await given();
    const result = await handler.handle({ accountId: 'acc-1', from: '2026-11-23T10:59:00.000Z', to: '2026-11-30T10:00:00.001Z', groupBy: 'status' });
    expect(result).toMatchObject({ from: '2026-11-23T10:00:00.000Z', to: '2026-11-30T11:00:00.000Z', groupBy: 'status' });
    expect(result.rows.map((r) => [r.key, r.submitted, r.delivered, r.undelivered, r.successRate])).toEqual([
      ['DELIVERED', 1, 1, 0, 1],
      ['SUBMITTED', 1, 0, 0, 0],
      ['UNDELIVERED', 1, 0, 1, 0],
    ]);
  });

  it('answers every account at once when none is named (staff)', async () => {
    const handler = await given();
    const result = await handler.handle({ groupBy: 'kind' });
    expect(result).not.toHaveProperty('accountId');
    expect(result.rows.map((r) => [r.key, r.submitted])).toEqual([['notification', 2]]);
  });

  it.each([
    [{ from: '2026-11-30T10:00:00.000Z', to: '2026-11-30T10:00:00.000Z' }, /from must be before to/],
    [{ from: '2026-12-01T00:00:00.000Z' }, /from must be before to/],
    [{ from: '2025-01-01T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' }, /at most 366 days/],
  ])('refuses the period %j with VALIDATION_FAILED', async (period, detail) => {
    const handler = await given();
    await expect(handler.handle({ accountId: 'acc-1', ...period })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.stringMatching(detail) });
  });
});
