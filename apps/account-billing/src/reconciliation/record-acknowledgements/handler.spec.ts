import { MESSAGES_SUBMITTED_V1, type MessagesSubmittedV1 } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { InMemoryReconciliation } from '../test-support';
import { RecordAcknowledgementsHandler } from './handler';

const NOVEMBER = { fromMs: Date.parse('2026-11-01T00:00:00.000Z'), toMs: Date.parse('2026-12-01T00:00:00.000Z') };

const submissions = (id: string, results: Array<[string, 'SUBMITTED' | 'FAILED', number]>): IntegrationEvent<MessagesSubmittedV1> => ({
  id,
  type: MESSAGES_SUBMITTED_V1,
  source: '/sms/carrier-adapter',
  time: '2026-11-23T10:00:01.000Z',
  key: 'acc-1',
  data: {
    accountId: 'acc-1',
    channelId: 'smpp-default',
    results: results.map(([messageId, status, segmentsSubmitted]) => ({
      messageId,
      batchId: 'batch-1',
      status,
      segmentsSubmitted,
      segmentsFailed: status === 'FAILED' ? 2 : 0,
      operatorMessageIds: [],
      submittedAt: '2026-11-23T10:00:00.000Z',
    })),
  },
});

describe('RecordAcknowledgementsHandler', () => {
  it('records the segments the operator acknowledged, once per message however often a result is delivered', async () => {
    const table = new InMemoryReconciliation();
    const handler = new RecordAcknowledgementsHandler(table, table);
    const first = submissions('evt-1', [['m-1', 'SUBMITTED', 2], ['m-2', 'SUBMITTED', 1], ['m-3', 'FAILED', 0]]);
    expect(await handler.handle(first)).toBe(2);
    expect(await table.totals('acc-1', [NOVEMBER])).toEqual([{ submittedSegments: 3, billedSegments: 0 }]);

    // The same event redelivered, and m-1's result again in another event.
    await handler.handle(first);
    await handler.handle(submissions('evt-2', [['m-1', 'SUBMITTED', 2], ['m-4', 'SUBMITTED', 2]]));
    expect(await table.totals('acc-1', [NOVEMBER])).toEqual([{ submittedSegments: 5, billedSegments: 0 }]);
  });

  it('writes nothing for an event that acknowledged nothing', async () => {
    const table = new InMemoryReconciliation();
    const handler = new RecordAcknowledgementsHandler(table, table);
    expect(await handler.handle(submissions('evt-1', [['m-1', 'FAILED', 0]]))).toBe(0);
    expect(await table.totals('acc-1', [NOVEMBER])).toEqual([{ submittedSegments: 0, billedSegments: 0 }]);
  });
});
