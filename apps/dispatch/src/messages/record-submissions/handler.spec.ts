import type { MessagesSubmittedV1 } from '@sms/contracts';
import { consumed, InMemoryMessageReadModel, InMemoryReadModelDatabase } from '../../test-support';
import { batchOf } from '../application/message-read-model.contract';
import { SubmissionBacklog } from '../application/submission-backlog';
import { RecordSubmissionsHandler } from './handler';

describe('RecordSubmissionsHandler', () => {
  it('moves acknowledged messages to SUBMITTED with the operator ids and time, refused ones to FAILED', async () => {
    const messages = new InMemoryMessageReadModel();
    await messages.insertBatches([batchOf('b-1', ['m-1', 'm-2', 'm-3'])]);
    await messages.advance([{ messageId: 'm-3', status: 'DELIVERED', doneAt: '2026-11-23T10:00:02.000Z' }]);
    const backlog = new SubmissionBacklog({ limit: 10, maxWaitMs: 1_000, ttlMs: 60_000 });
    backlog.accepted('b-1', 3);
    backlog.accepted('b-2', 4);
    const handler = new RecordSubmissionsHandler(new InMemoryReadModelDatabase(), messages, backlog);
    const result = (messageId: string, status: 'SUBMITTED' | 'FAILED', errorCode?: string) => ({
      messageId,
      batchId: 'b-1',
      status,
      segmentsSubmitted: status === 'SUBMITTED' ? 1 : 0,
      segmentsFailed: status === 'SUBMITTED' ? 0 : 1,
      operatorMessageIds: status === 'SUBMITTED' ? [`op-${messageId}`] : [],
      submittedAt: '2026-11-23T10:00:01.000Z',
      ...(errorCode ? { errorCode } : {}),
    });
    await handler.handle(
      consumed<MessagesSubmittedV1>('sms.messages-submitted.v1', {
        accountId: 'acc-1',
        channelId: 'smpp-default',
        results: [result('m-1', 'SUBMITTED'), result('m-2', 'FAILED'), result('m-3', 'SUBMITTED')],
      }),
    );
    expect(await messages.find('m-1')).toMatchObject({ status: 'SUBMITTED', operatorMessageIds: ['op-m-1'], submittedAt: '2026-11-23T10:00:01.000Z', channelId: 'smpp-default' });
    expect(await messages.find('m-2')).toMatchObject({ status: 'FAILED', errorCode: 'SUBMIT_FAILED', errorDetail: 'The operator refused the submission' });
    // The receipt came first: still DELIVERED, and now with the submit time.
    expect(await messages.find('m-3')).toMatchObject({ status: 'DELIVERED', submittedAt: '2026-11-23T10:00:01.000Z', doneAt: '2026-11-23T10:00:02.000Z' });
    // Every answer, submitted or refused, takes its message out of the backlog sends wait on.
    expect(backlog.size).toBe(4);
  });
});
