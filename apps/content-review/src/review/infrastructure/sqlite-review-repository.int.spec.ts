import type { RecordedEvent } from '@sms/event-store';
import { type Projected, SqliteReadModelDatabase } from '@sms/use-case-kit';
import { DatabaseSync } from 'node:sqlite';
import { type ContentReviewEvent, contentReviewCodec } from '../../event-codec';
import { reviewRepositoryContract } from '../application/review-repository.contract';
import { projectReviewEvents } from '../application/review-projection';
import { REVIEW_EVENTS } from '../domain/events';
import { SqliteReviewRepository } from './sqlite-review-repository';

reviewRepositoryContract('SQLite', async () => {
  const db = new DatabaseSync(':memory:');
  return { repository: new SqliteReviewRepository(db), unitOfWork: new SqliteReadModelDatabase(db), close: async () => db.close() };
});

let position = 0n;
const recorded = (type: string, revision: bigint, data: unknown): RecordedEvent => ({
  id: `e-${++position}`,
  type,
  streamName: 's',
  revision,
  position,
  data,
  metadata: {},
  created: new Date(),
});

const signatureSubmitted = (id: string, at: string) =>
  recorded(REVIEW_EVENTS.signatureSubmitted, 0n, { signatureId: id, accountId: 'a1', name: '阿里云', purpose: 'company', documents: [{ kind: 'k', reference: 'r' }], submittedAt: at });
const templateSubmitted = (id: string, at: string) =>
  recorded(REVIEW_EVENTS.templateSubmitted, 0n, {
    templateId: id,
    accountId: 'a1',
    name: 'otp',
    kind: 'verification',
    content: '验证码${code}',
    variables: ['code'],
    screening: { outcome: 'REVIEW', category: 'FINANCIAL_PROMOTION', matches: [] },
    submittedAt: at,
  });

describe('review queue projection over SQLite (stored events → codec → repository)', () => {
  let db: DatabaseSync;
  let reviews: SqliteReviewRepository;
  /** Applies stored events the way runProjection does: decoded through the service codec. */
  const apply = (...stored: RecordedEvent[]) =>
    projectReviewEvents(
      reviews,
      stored.map((r): Projected<ContentReviewEvent> => ({ event: contentReviewCodec.decode(r) as ContentReviewEvent, recorded: r })),
    );

  beforeEach(() => {
    db = new DatabaseSync(':memory:');
    reviews = new SqliteReviewRepository(db);
  });

  afterEach(() => db.close());

  it('lists pending items oldest first and drops them once decided', async () => {
    await apply(templateSubmitted('t1', '2026-03-01T08:00:02.000Z'));
    await apply(signatureSubmitted('s1', '2026-03-01T08:00:01.000Z'));
    expect((await reviews.pending(10)).map((r) => [r.type, r.id, r.screening?.outcome ?? null])).toEqual([
      ['signature', 's1', null],
      ['template', 't1', 'REVIEW'],
    ]);

    await apply(recorded(REVIEW_EVENTS.signatureApproved, 1n, { signatureId: 's1', accountId: 'a1', name: '阿里云', decidedAt: '2026-03-01T09:00:00.000Z' }));
    expect((await reviews.pending(10)).map((r) => r.id)).toEqual(['t1']);
    expect(await reviews.pending(1)).toHaveLength(1);
  });

  it('ignores events it has already applied (replay after a crash before the checkpoint)', async () => {
    const submitted = signatureSubmitted('s1', '2026-03-01T08:00:01.000Z');
    const rejected = recorded(REVIEW_EVENTS.signatureRejected, 1n, { signatureId: 's1', accountId: 'a1', name: '阿里云', reason: 'no', decidedAt: '2026-03-01T09:00:00.000Z' });
    await apply(submitted, rejected, submitted, rejected);
    const row = db.prepare(`SELECT status, reason, revision FROM review_items WHERE item_id = 's1'`).get();
    expect(row).toEqual({ status: 'REJECTED', reason: 'no', revision: 1 });
    expect(await reviews.pending(10)).toEqual([]);
  });

  it('ignores screened batches', async () => {
    await apply(recorded('content-review.BatchScreened.v1', 0n, { batchId: 'b1', accountId: 'a1', kind: 'notification', screenedAt: '', cleared: [], blocked: [], held: [] }));
    expect(db.prepare('SELECT COUNT(*) AS n FROM review_items').get()).toEqual({ n: 0 });
  });
});
