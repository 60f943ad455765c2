import type { UnitOfWork } from '@sms/use-case-kit';
import type { ReviewItem, ReviewRepository, SubmittedReviewItem } from './review-repository';

/*
 * One behavioural specification of the review queue's read model, run by every adapter's int spec (SQLite now; a
 * MongoDB adapter runs the same suite when it comes). Only the port is used, so the suite cannot lean on SQL.
 */

export interface ReviewRepositoryFixture {
  repository: ReviewRepository;
  /** The unit of work the adapter's writes join (the projection runner commits changes and checkpoint in it). */
  unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

export interface ReviewRepositoryContractOptions {
  /** When set, every case is registered but skipped, and the reason is part of the describe name. */
  skip?: string;
}

const signature = (id: string, submittedAt: string): SubmittedReviewItem => ({
  type: 'signature',
  id,
  accountId: 'a1',
  name: '阿里云',
  submittedAt,
  purpose: 'company',
  documents: [{ kind: 'business-licence', reference: 'BL-1' }],
});

const template = (id: string, submittedAt: string, screening: ReviewItem['screening'] = { outcome: 'REVIEW', category: 'FINANCIAL_PROMOTION' }): SubmittedReviewItem => ({
  type: 'template',
  id,
  accountId: 'a1',
  name: 'otp',
  submittedAt,
  kind: 'verification',
  content: '验证码${code}',
  screening,
});

export function reviewRepositoryContract(name: string, factory: () => Promise<ReviewRepositoryFixture>, options: ReviewRepositoryContractOptions = {}): void {
  describe(`ReviewRepository contract: ${name}${options.skip ? ` (skipped: ${options.skip})` : ''}`, () => {
    const test = options.skip ? it.skip : it;
    let fixture: ReviewRepositoryFixture;
    let reviews: ReviewRepository;

    beforeEach(async () => {
      if (options.skip) return;
      fixture = await factory();
      reviews = fixture.repository;
    });

    afterEach(async () => {
      await fixture?.close();
    });

    test('keeps a submitted signature and template pending, with what a reviewer needs to see', async () => {
      await reviews.submitted(signature('s1', '2026-03-01T08:00:01.000Z'), 0n);
      await reviews.submitted(template('t1', '2026-03-01T08:00:02.000Z'), 0n);
      await reviews.submitted(template('t2', '2026-03-01T08:00:03.000Z', { outcome: 'PASS' }), 0n);
      expect(await reviews.find('signature', 's1')).toEqual({ ...signature('s1', '2026-03-01T08:00:01.000Z'), status: 'PENDING_REVIEW' });
      expect(await reviews.find('template', 't1')).toEqual({ ...template('t1', '2026-03-01T08:00:02.000Z'), status: 'PENDING_REVIEW' });
      expect((await reviews.find('template', 't2'))?.screening).toEqual({ outcome: 'PASS' });
      expect(await reviews.find('template', 'nope')).toBeUndefined();
    });

    test('lists pending items oldest submission first (ties by id), at most the limit', async () => {
      await reviews.submitted(template('t1', '2026-03-01T08:00:02.000Z'), 0n);
      await reviews.submitted(signature('s2', '2026-03-01T08:00:01.000Z'), 0n);
      await reviews.submitted(signature('s1', '2026-03-01T08:00:01.000Z'), 0n);
      expect((await reviews.pending(10)).map((i) => [i.type, i.id])).toEqual([
        ['signature', 's1'],
        ['signature', 's2'],
        ['template', 't1'],
      ]);
      expect((await reviews.pending(2)).map((i) => i.id)).toEqual(['s1', 's2']);
    });

    test('drops a decided item from the queue and keeps the decision', async () => {
      await reviews.submitted(signature('s1', '2026-03-01T08:00:01.000Z'), 0n);
      await reviews.submitted(template('t1', '2026-03-01T08:00:02.000Z'), 0n);
      await reviews.decided('signature', 's1', { status: 'REJECTED', decidedAt: '2026-03-01T09:00:00.000Z', reason: 'no licence' }, 1n);
      expect((await reviews.pending(10)).map((i) => i.id)).toEqual(['t1']);
      expect(await reviews.find('signature', 's1')).toMatchObject({ status: 'REJECTED', decidedAt: '2026-03-01T09:00:00.000Z', reason: 'no licence' });
      await reviews.decided('template', 't1', { status: 'APPROVED', decidedAt: '2026-03-01T09:00:01.000Z' }, 1n);
      expect(await reviews.pending(10)).toEqual([]);
      const approved = await reviews.find('template', 't1');
      expect(approved).toMatchObject({ status: 'APPROVED', decidedAt: '2026-03-01T09:00:01.000Z' });
      expect(approved?.reason).toBeUndefined();
    });

    test('changes nothing when an event is applied again (replay after a crash)', async () => {
      await reviews.submitted(signature('s1', '2026-03-01T08:00:01.000Z'), 0n);
      await reviews.decided('signature', 's1', { status: 'REJECTED', decidedAt: '2026-03-01T09:00:00.000Z', reason: 'no' }, 1n);
      await reviews.submitted({ ...signature('s1', '2026-03-01T08:00:01.000Z'), name: 'other' }, 0n);
      await reviews.decided('signature', 's1', { status: 'APPROVED', decidedAt: '2026-03-01T10:00:00.000Z' }, 1n);
      expect(await reviews.find('signature', 's1')).toMatchObject({ name: '阿里云', status: 'REJECTED', reason: 'no', decidedAt: '2026-03-01T09:00:00.000Z' });
      expect(await reviews.pending(10)).toEqual([]);
    });

    test('applies a later decision over an earlier one (revocation after approval)', async () => {
      await reviews.submitted(template('t1', '2026-03-01T08:00:02.000Z'), 0n);
      await reviews.decided('template', 't1', { status: 'APPROVED', decidedAt: '2026-03-01T09:00:00.000Z' }, 1n);
      await reviews.decided('template', 't1', { status: 'REVOKED', decidedAt: '2026-03-02T09:00:00.000Z', reason: 'violation confirmed' }, 2n);
      expect(await reviews.find('template', 't1')).toMatchObject({ status: 'REVOKED', reason: 'violation confirmed', decidedAt: '2026-03-02T09:00:00.000Z' });
    });

    test('ignores a decision on an item it does not hold, and keeps signature and template ids apart', async () => {
      await reviews.decided('signature', 'x1', { status: 'APPROVED', decidedAt: '2026-03-01T09:00:00.000Z' }, 1n);
      expect(await reviews.find('signature', 'x1')).toBeUndefined();
      await reviews.submitted(signature('x1', '2026-03-01T08:00:01.000Z'), 0n);
      await reviews.submitted(template('x1', '2026-03-01T08:00:02.000Z'), 0n);
      await reviews.decided('template', 'x1', { status: 'APPROVED', decidedAt: '2026-03-01T09:00:00.000Z' }, 1n);
      expect((await reviews.pending(10)).map((i) => [i.type, i.id])).toEqual([['signature', 'x1']]);
    });

    test("lists one account's signatures or templates, oldest first, a page at a time, and no other account's", async () => {
      await reviews.submitted(signature('s2', '2026-03-01T08:00:02.000Z'), 0n);
      await reviews.submitted(signature('s1', '2026-03-01T08:00:02.000Z'), 0n);
      await reviews.submitted(signature('s0', '2026-03-01T08:00:01.000Z'), 0n);
      await reviews.submitted({ ...signature('s9', '2026-03-01T08:00:00.000Z'), accountId: 'a2' }, 0n);
      await reviews.submitted(template('t1', '2026-03-01T08:00:00.000Z'), 0n);
      const first = await reviews.byAccount('signature', 'a1', undefined, 2);
      expect(first.map((i) => i.id)).toEqual(['s0', 's1']);
      const last = first[first.length - 1];
      expect((await reviews.byAccount('signature', 'a1', { submittedAt: last.submittedAt, id: last.id }, 2)).map((i) => i.id)).toEqual(['s2']);
      expect((await reviews.byAccount('template', 'a1', undefined, 10)).map((i) => i.id)).toEqual(['t1']);
      expect((await reviews.byAccount('signature', 'a2', undefined, 10)).map((i) => i.id)).toEqual(['s9']);
      expect(await reviews.byAccount('template', 'a3', undefined, 10)).toEqual([]);
    });

    test('lists across accounts or one account, by status, a page at a time (the signature and template lists)', async () => {
      await reviews.submitted(signature('s1', '2026-03-01T08:00:01.000Z'), 0n);
      await reviews.submitted({ ...signature('s2', '2026-03-01T08:00:02.000Z'), accountId: 'a2' }, 0n);
      await reviews.submitted(signature('s3', '2026-03-01T08:00:03.000Z'), 0n);
      await reviews.submitted(template('t1', '2026-03-01T08:00:00.000Z'), 0n);
      await reviews.decided('signature', 's3', { status: 'APPROVED', decidedAt: '2026-03-01T09:00:00.000Z' }, 1n);
      await reviews.decided('signature', 's3', { status: 'REVOKED', decidedAt: '2026-03-02T09:00:00.000Z', reason: 'IP complaint' }, 2n);
      expect((await reviews.list('signature', {}, undefined, 10)).map((i) => i.id)).toEqual(['s1', 's2', 's3']);
      expect((await reviews.list('signature', { accountId: 'a1' }, undefined, 10)).map((i) => i.id)).toEqual(['s1', 's3']);
      expect((await reviews.list('signature', { status: 'REVOKED' }, undefined, 10)).map((i) => [i.id, i.reason])).toEqual([['s3', 'IP complaint']]);
      expect((await reviews.list('signature', { accountId: 'a2', status: 'PENDING_REVIEW' }, undefined, 10)).map((i) => i.id)).toEqual(['s2']);
      expect(await reviews.list('signature', { accountId: 'a2', status: 'APPROVED' }, undefined, 10)).toEqual([]);
      const first = await reviews.list('signature', {}, undefined, 2);
      expect(first.map((i) => i.id)).toEqual(['s1', 's2']);
      expect((await reviews.list('signature', {}, { submittedAt: first[1].submittedAt, id: first[1].id }, 2)).map((i) => i.id)).toEqual(['s3']);
      expect((await reviews.list('template', {}, undefined, 10)).map((i) => i.id)).toEqual(['t1']);
    });

    test('joins the unit of work: a failed unit leaves nothing behind, a committed one keeps everything', async () => {
      await expect(
        fixture.unitOfWork.transaction(async () => {
          await reviews.submitted(signature('s1', '2026-03-01T08:00:01.000Z'), 0n);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await reviews.find('signature', 's1')).toBeUndefined();
      await fixture.unitOfWork.transaction(async () => {
        await reviews.submitted(signature('s1', '2026-03-01T08:00:01.000Z'), 0n);
        await reviews.decided('signature', 's1', { status: 'APPROVED', decidedAt: '2026-03-01T09:00:00.000Z' }, 1n);
      });
      expect(await reviews.find('signature', 's1')).toMatchObject({ status: 'APPROVED' });
    });
  });
}
