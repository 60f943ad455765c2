import type { RecordedEvent } from '@sms/event-store';
import { DatabaseSync } from 'node:sqlite';
import { REVIEW_EVENTS } from '../domain/events';
import { ReviewReadModel } from './review-read-model';

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

describe('ReviewReadModel (SQLite)', () => {
  let db: DatabaseSync;
  let model: ReviewReadModel;

  beforeEach(() => {
    db = new DatabaseSync(':memory:');
    model = new ReviewReadModel(db);
  });

  afterEach(() => db.close());

  it('lists pending items oldest first and drops them once decided', () => {
    model.apply(templateSubmitted('t1', '2026-03-01T08:00:02.000Z'));
    model.apply(signatureSubmitted('s1', '2026-03-01T08:00:01.000Z'));
    expect(model.pending(10).map((r) => [r.item_type, r.item_id, r.screening_outcome])).toEqual([
      ['signature', 's1', null],
      ['template', 't1', 'REVIEW'],
    ]);

    model.apply(recorded(REVIEW_EVENTS.signatureApproved, 1n, { signatureId: 's1', accountId: 'a1', name: '阿里云', decidedAt: '2026-03-01T09:00:00.000Z' }));
    expect(model.pending(10).map((r) => r.item_id)).toEqual(['t1']);
    expect(model.pending(1)).toHaveLength(1);
  });

  it('ignores events it has already applied (replay after a crash before the checkpoint)', () => {
    const submitted = signatureSubmitted('s1', '2026-03-01T08:00:01.000Z');
    const rejected = recorded(REVIEW_EVENTS.signatureRejected, 1n, { signatureId: 's1', accountId: 'a1', name: '阿里云', reason: 'no', decidedAt: '2026-03-01T09:00:00.000Z' });
    model.apply(submitted);
    model.apply(rejected);
    model.apply(submitted);
    model.apply(rejected);
    const row = db.prepare(`SELECT status, reason, revision FROM review_items WHERE item_id = 's1'`).get();
    expect(row).toEqual({ status: 'REJECTED', reason: 'no', revision: 1 });
    expect(model.pending(10)).toEqual([]);
  });
});
