import type { MessageStatus } from '@sms/contracts';
import type { UnitOfWork } from '@sms/use-case-kit';
import type { BatchAccepted } from '../domain/events';
import { advanceStatus, type MessageProgress, type StatusUpdate } from '../domain/message-status';
import type { MessageReadModel, MessageRecord } from './message-read-model';

/*
 * One behavioural specification of the message read model, run by every adapter (SQLite now; a MongoDB adapter runs
 * the same suite when it comes). Only the port is used, so the suite cannot lean on SQL. Its status cases take the
 * pure transition (advanceStatus) as the oracle: an adapter passes only if it implements the same rule.
 */

export interface MessageReadModelFixture {
  repository: MessageReadModel;
  /** The unit of work the adapter's writes join (projections and consumers commit changes and claims in it). */
  unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

export const batchOf = (batchId: string, messageIds: string[], overrides: Partial<BatchAccepted> = {}): BatchAccepted => ({
  batchId,
  accountId: 'acc-1',
  kind: 'notification',
  signatureId: 'sig-1',
  templateId: 'tpl-1',
  acceptedAt: '2026-11-23T10:00:00.000Z',
  texts: { domestic: '【阿里云】您好' },
  messages: messageIds.map((messageId, i) => ({
    messageId,
    phoneNumber: `+86138001380${String(i).padStart(2, '0')}`,
    countryCode: 'CN',
    operator: 'CMCC',
    segments: 1,
    encoding: 'ucs2',
    text: 'domestic',
  })),
  rejected: [],
  ...overrides,
});

const progressOf = (m: MessageRecord | undefined): MessageProgress | undefined =>
  m && {
    status: m.status,
    errorCode: m.errorCode,
    errorDetail: m.errorDetail,
    channelId: m.channelId,
    operatorMessageIds: m.operatorMessageIds,
    submittedAt: m.submittedAt,
    doneAt: m.doneAt,
  };

/** A step of news for each status, with the facts that usually come with it. */
const NEWS: Record<string, Omit<StatusUpdate, 'messageId'>> = {
  ACCEPTED: { status: 'ACCEPTED' },
  HELD: { status: 'HELD', errorCode: 'HELD_FOR_REVIEW', errorDetail: 'held for human review: fraud' },
  QUEUED: { status: 'QUEUED', channelId: 'smpp-default' },
  SUBMITTED: { status: 'SUBMITTED', operatorMessageIds: ['op-1'], submittedAt: '2026-11-23T10:00:01.000Z', channelId: 'smpp-2' },
  DELIVERED: { status: 'DELIVERED', doneAt: '2026-11-23T10:00:02.000Z' },
  UNDELIVERED: { status: 'UNDELIVERED', doneAt: '2026-11-23T10:00:03.000Z', errorCode: 'UNDELIV' },
  FAILED: { status: 'FAILED', errorCode: 'NO_ROUTE', errorDetail: 'No channel serves this operator' },
  BLOCKED: { status: 'BLOCKED', errorCode: 'CONTENT_BLOCKED', errorDetail: 'blocked' },
};

export function messageReadModelContract(name: string, factory: () => Promise<MessageReadModelFixture>): void {
  describe(`MessageReadModel contract: ${name}`, () => {
    let fixture: MessageReadModelFixture;
    let messages: MessageReadModel;
    const write = (work: () => Promise<void>) => fixture.unitOfWork.transaction(work);

    beforeEach(async () => {
      fixture = await factory();
      messages = fixture.repository;
      await write(() => messages.insertBatches([batchOf('b-1', ['m-1', 'm-2', 'm-3'], { outId: 'order-7' })]));
    });

    afterEach(async () => {
      await fixture?.close();
    });

    it('holds accepted messages with what the batch said about them, and never their text', async () => {
      expect(await messages.find('m-2')).toEqual({
        messageId: 'm-2',
        batchId: 'b-1',
        accountId: 'acc-1',
        phoneNumber: '+8613800138001',
        countryCode: 'CN',
        operator: 'CMCC',
        kind: 'notification',
        signatureId: 'sig-1',
        templateId: 'tpl-1',
        outId: 'order-7',
        segments: 1,
        encoding: 'ucs2',
        status: 'ACCEPTED',
        acceptedAt: '2026-11-23T10:00:00.000Z',
      });
      expect(await messages.find('nope')).toBeUndefined();
    });

    it('inserts many batches at once, and a batch seen before changes nothing (a replayed projection)', async () => {
      await write(() => messages.insertBatches([batchOf('b-2', ['m-4']), batchOf('b-3', ['m-5', 'm-6'])]));
      await write(() => messages.advance([{ messageId: 'm-1', status: 'QUEUED', channelId: 'smpp-default' }]));
      await write(() => messages.insertBatches([batchOf('b-1', ['m-1', 'm-2', 'm-3']), batchOf('b-2', ['m-4'])]));
      expect((await messages.find('m-1'))?.status).toBe('QUEUED');
      expect((await messages.find('m-6'))?.batchId).toBe('b-3');
      expect(await messages.find('m-1')).toHaveProperty('outId', 'order-7');
    });

    it('moves statuses forward and records their details', async () => {
      await write(() =>
        messages.advance([
          { messageId: 'm-1', status: 'QUEUED', channelId: 'smpp-default', priceMinor: 900 },
          { messageId: 'm-2', status: 'REJECTED', errorCode: 'INSUFFICIENT_BALANCE', errorDetail: 'not enough' },
        ]),
      );
      await write(() => messages.advance([{ messageId: 'm-1', status: 'SUBMITTED', operatorMessageIds: ['op-1', 'op-2'], submittedAt: '2026-11-23T10:00:01.000Z' }]));
      expect(await messages.find('m-1')).toMatchObject({ status: 'SUBMITTED', channelId: 'smpp-default', operatorMessageIds: ['op-1', 'op-2'], submittedAt: '2026-11-23T10:00:01.000Z', priceMinor: 900 });
      expect(await messages.find('m-2')).not.toHaveProperty('priceMinor');
      expect(await messages.find('m-2')).toMatchObject({ status: 'REJECTED', errorCode: 'INSUFFICIENT_BALANCE', errorDetail: 'not enough' });
      expect(await messages.find('m-3')).toMatchObject({ status: 'ACCEPTED' });
      expect(await messages.find('m-3')).not.toHaveProperty('errorCode');
    });

    it('never moves a status back, but a late event still fills in what it knows', async () => {
      // The receipt overtakes the submit acknowledgement.
      await write(() => messages.advance([{ messageId: 'm-1', status: 'DELIVERED', doneAt: '2026-11-23T10:00:02.000Z' }]));
      await write(() => messages.advance([{ messageId: 'm-1', status: 'SUBMITTED', operatorMessageIds: ['op-1'], submittedAt: '2026-11-23T10:00:01.000Z', errorCode: 'LATE' }]));
      const m1 = await messages.find('m-1');
      expect(m1).toMatchObject({ status: 'DELIVERED', doneAt: '2026-11-23T10:00:02.000Z', submittedAt: '2026-11-23T10:00:01.000Z', operatorMessageIds: ['op-1'] });
      expect(m1).not.toHaveProperty('errorCode');
    });

    it('keeps a final status final', async () => {
      await write(() => messages.advance([{ messageId: 'm-3', status: 'BLOCKED', errorCode: 'CONTENT_BLOCKED' }]));
      await write(() => messages.advance([{ messageId: 'm-3', status: 'QUEUED', channelId: 'smpp-default' }]));
      expect(await messages.find('m-3')).toMatchObject({ status: 'BLOCKED', errorCode: 'CONTENT_BLOCKED' });
    });

    it('applies exactly the status transition rule (advanceStatus), for every pair of news', async () => {
      const pairs = Object.keys(NEWS).flatMap((first) => Object.keys(NEWS).map((second) => ({ first, second, id: `pair-${first}-${second}` })));
      await write(() => messages.insertBatches([batchOf('pairs', pairs.map((p) => p.id))]));
      await write(() => messages.advance(pairs.map((p) => ({ messageId: p.id, ...NEWS[p.first] }))));
      await write(() => messages.advance(pairs.map((p) => ({ messageId: p.id, ...NEWS[p.second] }))));
      const found = await messages.findMany(pairs.map((p) => p.id));
      for (const { first, second, id } of pairs) {
        const expected = advanceStatus(advanceStatus({ status: 'ACCEPTED' }, NEWS[first]), NEWS[second]);
        expect({ first, second, progress: progressOf(found.get(id)) }).toEqual({ first, second, progress: expected });
      }
    });

    it('skips updates for messages it does not hold, and takes empty calls', async () => {
      await write(() => messages.advance([{ messageId: 'nope', status: 'DELIVERED' }]));
      await write(() => messages.advance([]));
      await write(() => messages.annotate([]));
      await write(() => messages.insertBatches([]));
      expect(await messages.find('nope')).toBeUndefined();
    });

    it('notes why a message waits without changing its status', async () => {
      await write(() => messages.annotate([{ messageId: 'm-2', code: 'CANCEL_REQUESTED', detail: 'Asked the carrier to drop it' }]));
      expect(await messages.find('m-2')).toMatchObject({ status: 'ACCEPTED', errorCode: 'CANCEL_REQUESTED', errorDetail: 'Asked the carrier to drop it' });
    });

    it('reads many messages at once and ignores unknown ids', async () => {
      const found = await messages.findMany(['m-1', 'm-3', 'nope']);
      expect([...found.keys()].sort()).toEqual(['m-1', 'm-3']);
      expect(found.get('m-3')?.phoneNumber).toBe('+8613800138002');
      expect((await messages.findMany([])).size).toBe(0);
    });

    it("lists an account's messages oldest first, filtered, a page at a time", async () => {
      await write(() =>
        messages.insertBatches([
          batchOf('b-2', ['m-9', 'm-8'], { acceptedAt: '2026-11-23T11:00:00.000Z' }),
          batchOf('b-x', ['x-1'], { accountId: 'acc-2', acceptedAt: '2026-11-23T09:00:00.000Z' }),
        ]),
      );
      await write(() => messages.advance([{ messageId: 'm-8', status: 'DELIVERED' as MessageStatus }]));
      const ids = async (query: Partial<Parameters<MessageReadModel['query']>[0]>) =>
        (await messages.query({ accountId: 'acc-1', limit: 100, ...query })).map((m) => m.messageId);
      expect(await ids({})).toEqual(['m-1', 'm-2', 'm-3', 'm-8', 'm-9']);
      expect(await ids({ limit: 2 })).toEqual(['m-1', 'm-2']);
      expect(await ids({ after: { acceptedAt: '2026-11-23T10:00:00.000Z', messageId: 'm-2' } })).toEqual(['m-3', 'm-8', 'm-9']);
      expect(await ids({ status: 'DELIVERED' })).toEqual(['m-8']);
      expect(await ids({ phoneNumber: '+8613800138001' })).toEqual(['m-2', 'm-8']);
      // A number in any notation finds the same messages (the SQLite adapter looks it up by its blind index).
      for (const notation of ['13800138001', '8613800138001', '+86 138 0013 8001', ' +86-138-0013-8001 ']) expect(await ids({ phoneNumber: notation })).toEqual(['m-2', 'm-8']);
      expect(await ids({ phoneNumber: '13800138009' })).toEqual([]);
      expect(await ids({ from: '2026-11-23T10:30:00.000Z' })).toEqual(['m-8', 'm-9']);
      expect(await ids({ to: '2026-11-23T10:30:00.000Z' })).toEqual(['m-1', 'm-2', 'm-3']);
      expect(await ids({ accountId: 'acc-2' })).toEqual(['x-1']);
    });

    it('lists the messages of one batch, or sent with one outId, together with the other filters and pages', async () => {
      await write(() =>
        messages.insertBatches([
          batchOf('b-2', ['m-4', 'm-5'], { outId: 'order-8', acceptedAt: '2026-11-23T11:00:00.000Z' }),
          batchOf('b-3', ['m-6'], { outId: 'order-7', acceptedAt: '2026-11-23T12:00:00.000Z' }),
          batchOf('b-4', ['m-7'], { acceptedAt: '2026-11-23T12:30:00.000Z' }),
          batchOf('b-x', ['x-1'], { accountId: 'acc-2', outId: 'order-7' }),
        ]),
      );
      await write(() => messages.advance([{ messageId: 'm-3', status: 'DELIVERED' as MessageStatus }]));
      const ids = async (query: Partial<Parameters<MessageReadModel['query']>[0]>) =>
        (await messages.query({ accountId: 'acc-1', limit: 100, ...query })).map((m) => m.messageId);
      expect(await ids({ batchId: 'b-1' })).toEqual(['m-1', 'm-2', 'm-3']);
      expect(await ids({ batchId: 'b-2' })).toEqual(['m-4', 'm-5']);
      // Another account's batch and outId are not this account's, whoever asks.
      expect(await ids({ batchId: 'b-x' })).toEqual([]);
      expect(await ids({ outId: 'order-7' })).toEqual(['m-1', 'm-2', 'm-3', 'm-6']);
      expect(await ids({ outId: 'order-7', batchId: 'b-3' })).toEqual(['m-6']);
      expect(await ids({ outId: 'order-7', limit: 2, after: { acceptedAt: '2026-11-23T10:00:00.000Z', messageId: 'm-2' } })).toEqual(['m-3', 'm-6']);
      expect(await ids({ outId: 'order-7', from: '2026-11-23T11:00:00.000Z' })).toEqual(['m-6']);
      expect(await ids({ outId: 'nope' })).toEqual([]);
      expect(await ids({ batchId: 'b-1', phoneNumber: '+8613800138001' })).toEqual(['m-2']);
      expect(await ids({ batchId: 'b-1', status: 'DELIVERED' })).toEqual(['m-3']);
      expect(await ids({ outId: 'order-7', status: 'ACCEPTED' })).toEqual(['m-1', 'm-2', 'm-6']);
    });

    it('pages without serving a message twice or skipping one that existed when paging began, while messages keep arriving', async () => {
      const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
      await write(() =>
        messages.insertBatches([
          // The same time as b-1: ties are broken by message id.
          batchOf('p-1', range('p1', 7), { acceptedAt: '2026-11-23T10:00:00.000Z' }),
          batchOf('p-2', range('p2', 5), { acceptedAt: '2026-11-23T10:05:00.000Z' }),
          batchOf('p-3', range('p3', 6), { acceptedAt: '2026-11-23T10:10:00.000Z' }),
        ]),
      );
      const key = (m: Pick<MessageRecord, 'acceptedAt' | 'messageId'>) => `${m.acceptedAt} ${m.messageId}`;
      const existing = (await messages.query({ accountId: 'acc-1', limit: 1000 })).map((m) => m.messageId);
      expect(existing).toHaveLength(21);
      const served: MessageRecord[] = [];
      let after: { acceptedAt: string; messageId: string } | undefined;
      for (let round = 0; round < 100; round++) {
        const page = await messages.query({ accountId: 'acc-1', after, limit: 4 });
        served.push(...page);
        if (page.length < 4) break;
        const last = page[page.length - 1];
        // Between pages, messages arrive: before the cursor, at its very time with ids on either side of it, and after it.
        await write(() =>
          messages.insertBatches([
            batchOf(`n-${round}-a`, [`a-${round}`], { acceptedAt: '2026-11-23T09:00:00.000Z' }),
            batchOf(`n-${round}-b`, [`${last.messageId}~${round}`, `0-${round}`], { acceptedAt: last.acceptedAt }),
            batchOf(`n-${round}-c`, [`z-${round}`], { acceptedAt: '2026-11-23T12:00:00.000Z' }),
          ]),
        );
        after = { acceptedAt: last.acceptedAt, messageId: last.messageId };
      }
      const ids = served.map((m) => m.messageId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expect.arrayContaining(existing));
      // Oldest first throughout: each served message sorts after the one before it.
      for (let i = 1; i < served.length; i++) expect(key(served[i]) > key(served[i - 1])).toBe(true);
      // What arrived behind the cursor is not served; what arrived ahead of it is.
      expect(ids.filter((id) => id.startsWith('a-') || id.startsWith('0-'))).toEqual([]);
      expect(ids.filter((id) => id.startsWith('z-')).length).toBeGreaterThan(0);
    });

    it('finds the messages still SUBMITTED that were submitted before a time, the longest waiting first, a chunk at a time', async () => {
      await write(() => messages.insertBatches([batchOf('b-2', ['m-4', 'm-5'], { accountId: 'acc-2' })]));
      const submitted = (messageId: string, submittedAt: string): StatusUpdate => ({ messageId, status: 'SUBMITTED', operatorMessageIds: [`op-${messageId}`], submittedAt });
      await write(() =>
        messages.advance([
          submitted('m-1', '2026-11-20T10:00:03.000Z'),
          submitted('m-2', '2026-11-20T10:00:01.000Z'),
          submitted('m-3', '2026-11-20T10:00:02.000Z'),
          submitted('m-4', '2026-11-20T10:00:01.000Z'),
          submitted('m-5', '2026-11-23T10:00:00.000Z'),
        ]),
      );
      // A final receipt takes a message out, whenever it was submitted.
      await write(() => messages.advance([{ messageId: 'm-3', status: 'DELIVERED', doneAt: '2026-11-20T10:00:09.000Z' }]));
      const overdue = await messages.overdueSubmitted('2026-11-21T00:00:00.000Z', 10);
      expect(overdue.map((m) => m.messageId)).toEqual(['m-2', 'm-4', 'm-1']);
      expect(overdue[0]).toMatchObject({ status: 'SUBMITTED', phoneNumber: '+8613800138001', operatorMessageIds: ['op-m-2'], outId: 'order-7', accountId: 'acc-1', batchId: 'b-1' });
      expect((await messages.overdueSubmitted('2026-11-21T00:00:00.000Z', 2)).map((m) => m.messageId)).toEqual(['m-2', 'm-4']);
      expect(await messages.overdueSubmitted('2026-11-20T10:00:01.000Z', 10)).toEqual([]);
      // EXPIRED is final: a receipt after it changes nothing but the facts it brings.
      await write(() => messages.advance(overdue.map((m) => ({ messageId: m.messageId, status: 'EXPIRED', errorCode: 'RECEIPT_TIMEOUT', doneAt: '2026-11-23T10:00:01.000Z' }))));
      await write(() => messages.advance([{ messageId: 'm-2', status: 'DELIVERED', doneAt: '2026-11-23T11:00:00.000Z' }]));
      expect(await messages.find('m-2')).toMatchObject({ status: 'EXPIRED', errorCode: 'RECEIPT_TIMEOUT' });
      expect(await messages.overdueSubmitted('2026-11-24T00:00:00.000Z', 10)).toEqual([expect.objectContaining({ messageId: 'm-5' })]);
    });

    describe('purge (erasure, ADR 0017)', () => {
      const drain = async (accountId: string, before: string | undefined, limit = 2) => {
        let total = 0;
        for (;;) {
          const deleted = await fixture.unitOfWork.transaction(() => messages.purge(accountId, before, limit));
          total += deleted;
          if (deleted < limit) return total;
        }
      };

      beforeEach(async () => {
        await write(() =>
          messages.insertBatches([
            batchOf('b-2', ['m-4', 'm-5'], { acceptedAt: '2026-11-23T11:00:00.000Z' }),
            batchOf('b-3', ['m-6'], { acceptedAt: '2026-11-23T12:00:00.000Z' }),
            batchOf('b-x', ['x-1'], { accountId: 'acc-2', acceptedAt: '2026-11-23T09:00:00.000Z' }),
          ]),
        );
      });

      it("deletes the account's messages accepted before a time, a chunk at a time, and nothing else", async () => {
        expect(await drain('acc-1', '2026-11-23T11:30:00.000Z')).toBe(5);
        expect((await messages.query({ accountId: 'acc-1', limit: 100 })).map((m) => m.messageId)).toEqual(['m-6']);
        expect(await messages.find('m-1')).toBeUndefined();
        expect((await messages.findMany(['m-4', 'm-6'])).size).toBe(1);
        // Gone from the lookup by number too (its blind index went with the row).
        expect(await messages.query({ accountId: 'acc-1', phoneNumber: '+8613800138000', limit: 100 })).toEqual([
          expect.objectContaining({ messageId: 'm-6', phoneNumber: '+8613800138000' }),
        ]);
        expect(await messages.find('x-1')).toMatchObject({ accountId: 'acc-2', phoneNumber: '+8613800138000' });
        expect(await drain('acc-1', '2026-11-23T11:30:00.000Z')).toBe(0);
      });

      it('deletes every message of the account when no time is given', async () => {
        expect(await drain('acc-1', undefined, 4)).toBe(6);
        expect(await messages.query({ accountId: 'acc-1', limit: 100 })).toEqual([]);
        expect(await messages.find('x-1')).toBeDefined();
      });
    });
  });
}
