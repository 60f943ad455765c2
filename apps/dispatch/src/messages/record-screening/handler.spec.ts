import type { MessagesScreenedV1 } from '@sms/contracts';
import { consumed, InMemoryMessageReadModel, InMemoryReadModelDatabase } from '../../test-support';
import { batchOf } from '../application/message-read-model.contract';
import { PendingCharges } from '../application/pending-charges';
import { SubmissionBacklog } from '../application/submission-backlog';
import { RecordScreeningHandler } from './handler';

describe('RecordScreeningHandler', () => {
  it('ends blocked messages BLOCKED, notes why held ones wait, and ignores a redelivery', async () => {
    const messages = new InMemoryMessageReadModel();
    await messages.insertBatches([batchOf('b-1', ['m-1', 'm-2', 'm-3'])]);
    const handler = new RecordScreeningHandler(new InMemoryReadModelDatabase(), messages);
    const event = consumed<MessagesScreenedV1>('sms.messages-screened.v1', {
      batchId: 'b-1',
      accountId: 'acc-1',
      kind: 'notification',
      screenedAt: '2026-11-23T10:00:01.000Z',
      cleared: [{ messageId: 'm-1', segments: 1, countryCode: 'CN', operator: 'CMCC' }],
      blocked: [{ messageId: 'm-2', category: 'GAMBLING' }],
      held: [{ messageId: 'm-3', category: 'FRAUD' }],
    });
    await handler.handle(event);
    expect(await messages.find('m-1')).toMatchObject({ status: 'ACCEPTED' });
    expect(await messages.find('m-2')).toMatchObject({ status: 'BLOCKED', errorCode: 'CONTENT_BLOCKED', errorDetail: 'blocked by content screening: GAMBLING' });
    expect(await messages.find('m-3')).toMatchObject({ status: 'ACCEPTED', errorCode: 'HELD_FOR_REVIEW', errorDetail: 'held for human review: FRAUD' });

    await messages.annotate([{ messageId: 'm-3', code: 'RELEASED', detail: 'a reviewer released it' }]);
    await handler.handle(event);
    expect(await messages.find('m-3')).toMatchObject({ errorCode: 'RELEASED' });
  });

  it('lets go of the estimate held for a batch screening cleared none of (ADR 0027), and keeps one whose cleared part billing will reserve', async () => {
    const pending = new PendingCharges(60_000);
    pending.hold('b-blocked', 'acc-1', 900, 3);
    pending.hold('b-partly', 'acc-1', 450, 3);
    const handler = new RecordScreeningHandler(new InMemoryReadModelDatabase(), new InMemoryMessageReadModel(), SubmissionBacklog.unbounded(), pending);
    const screened = (batchId: string, cleared: MessagesScreenedV1['cleared']) =>
      consumed<MessagesScreenedV1>('sms.messages-screened.v1', {
        batchId,
        accountId: 'acc-1',
        kind: 'notification',
        screenedAt: '2026-11-23T10:00:01.000Z',
        cleared,
        blocked: [{ messageId: `${batchId}-m-2`, category: 'GAMBLING' }],
        held: [{ messageId: `${batchId}-m-3`, category: 'FRAUD' }],
      });
    await handler.handle(screened('b-partly', [{ messageId: 'b-partly-m-1', segments: 1, countryCode: 'CN', operator: 'CMCC' }]));
    expect(pending.of('acc-1')).toBe(1_350);
    await handler.handle(screened('b-blocked', []));
    expect(pending.of('acc-1')).toBe(450);
  });
});
