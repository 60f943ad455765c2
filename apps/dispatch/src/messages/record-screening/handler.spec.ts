import type { MessageReviewDecidedV1, MessagesScreenedV1 } from '@sms/contracts';
import { consumed, InMemoryMessageReadModel, InMemoryReadModelDatabase } from '../../test-support';
import { batchOf } from '../application/message-read-model.contract';
import { PendingCharges } from '../application/pending-charges';
import { SubmissionBacklog } from '../application/submission-backlog';
import { RecordScreeningHandler } from './handler';

describe('RecordScreeningHandler', () => {
  it('ends blocked messages BLOCKED, holds held ones HELD saying why, and ignores a redelivery', async () => {
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
    expect(await messages.find('m-3')).toMatchObject({ status: 'HELD', errorCode: 'HELD_FOR_REVIEW', errorDetail: 'held for human review: FRAUD' });

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

  describe("a reviewer's decision on a held message (ADR 0036)", () => {
    const screened = consumed<MessagesScreenedV1>('sms.messages-screened.v1', {
      batchId: 'b-1',
      accountId: 'acc-1',
      kind: 'notification',
      screenedAt: '2026-11-23T10:00:01.000Z',
      cleared: [{ messageId: 'm-1', segments: 1, countryCode: 'CN', operator: 'CMCC' }],
      blocked: [],
      held: [
        { messageId: 'm-2', category: 'fraud' },
        { messageId: 'm-3', category: 'gambling' },
      ],
    });
    const decided = (messageId: string, released: boolean, category = 'fraud') =>
      consumed<MessageReviewDecidedV1>('sms.message-review-decided.v1', {
        batchId: 'b-1',
        accountId: 'acc-1',
        kind: 'notification',
        messageId,
        released,
        category,
        decidedAt: '2026-11-23T10:05:00.000Z',
        segments: 1,
        countryCode: 'CN',
        operator: 'CMCC',
      }, `decided-${messageId}`);
    let messages: InMemoryMessageReadModel;
    let backlog: SubmissionBacklog;
    let handler: RecordScreeningHandler;

    beforeEach(async () => {
      messages = new InMemoryMessageReadModel();
      await messages.insertBatches([batchOf('b-1', ['m-1', 'm-2', 'm-3'])]);
      backlog = new SubmissionBacklog({ limit: 100, maxWaitMs: 0, ttlMs: 60_000 });
      backlog.accepted('b-1', 3);
      handler = new RecordScreeningHandler(new InMemoryReadModelDatabase(), messages, backlog);
      await handler.handle(screened);
    });

    it('ends a blocked one BLOCKED with the reviewer as the reason, once', async () => {
      const block = decided('m-3', false, 'gambling');
      await handler.decided(block);
      expect(await messages.find('m-3')).toMatchObject({ status: 'BLOCKED', errorCode: 'CONTENT_BLOCKED', errorDetail: 'blocked by a reviewer: gambling' });
      await messages.annotate([{ messageId: 'm-3', code: 'CONTENT_BLOCKED', detail: 'touched' }]);
      await handler.decided(block);
      expect(await messages.find('m-3')).toMatchObject({ errorDetail: 'touched' });
      // Blocked by the reviewer is not on its way: the backlog still counts only the cleared message.
      expect(backlog.size).toBe(1);
    });

    it('leaves a released one HELD, saying so, and counts it on its way again once', async () => {
      const release = decided('m-2', true);
      await handler.decided(release);
      await handler.decided(release);
      expect(await messages.find('m-2')).toMatchObject({ status: 'HELD', errorCode: 'HELD_FOR_REVIEW', errorDetail: 'released by a reviewer' });
      expect(await messages.find('m-3')).toMatchObject({ status: 'HELD', errorDetail: 'held for human review: gambling' });
      expect(backlog.size).toBe(2);
    });

    it('never resurrects a message cancelled meanwhile (its account halted), released or blocked', async () => {
      await messages.advance([
        { messageId: 'm-2', status: 'CANCELLED', errorCode: 'ACCOUNT_SUSPENDED', errorDetail: 'The account was suspended before it was sent' },
        { messageId: 'm-3', status: 'CANCELLED', errorCode: 'ACCOUNT_SUSPENDED', errorDetail: 'The account was suspended before it was sent' },
      ]);
      await handler.decided(decided('m-2', true));
      await handler.decided(decided('m-3', false));
      for (const id of ['m-2', 'm-3']) expect(await messages.find(id)).toMatchObject({ status: 'CANCELLED', errorCode: 'ACCOUNT_SUSPENDED', errorDetail: 'The account was suspended before it was sent' });
      expect(backlog.size).toBe(1);
    });
  });
});
