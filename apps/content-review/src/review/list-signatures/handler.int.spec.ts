import { DatabaseSync } from 'node:sqlite';
import type { SubmittedReviewItem } from '../application/review-repository';
import { SqliteReviewRepository } from '../infrastructure/sqlite-review-repository';
import { ListTemplatesHandler } from '../list-templates/handler';
import { ListSignaturesHandler } from './handler';

const signature = (id: string, accountId: string, second: number): SubmittedReviewItem => ({
  type: 'signature',
  id,
  accountId,
  name: '阿里云',
  submittedAt: `2026-03-01T08:00:0${second}.000Z`,
  purpose: 'company',
  documents: [{ kind: 'business-licence', reference: `BL-${id}` }],
});

// Over the real SQLite read model (in memory): the lists are keyset pages of it.
describe('ListSignaturesHandler / ListTemplatesHandler (DOMAIN §2 states, CONTRACTS content-review lists)', () => {
  let db: DatabaseSync;
  let reviews: SqliteReviewRepository;

  beforeEach(async () => {
    db = new DatabaseSync(':memory:');
    reviews = new SqliteReviewRepository(db);
    await reviews.submitted(signature('s1', 'a1', 1), 0n);
    await reviews.submitted(signature('s2', 'a2', 2), 0n);
    await reviews.submitted(signature('s3', 'a1', 3), 0n);
    await reviews.decided('signature', 's1', { status: 'APPROVED', decidedAt: '2026-03-01T09:00:00.000Z' }, 1n);
    await reviews.submitted({ type: 'template', id: 't1', accountId: 'a1', name: 'otp', submittedAt: '2026-03-01T08:00:00.000Z', kind: 'verification', content: '验证码${code}', screening: { outcome: 'PASS' } }, 0n);
  });

  afterEach(() => db.close());

  it('pages through every account with a cursor, and ends without one', async () => {
    const handler = new ListSignaturesHandler(reviews);
    const first = await handler.handle({ limit: 2 });
    expect(first.items.map((i) => i.id)).toEqual(['s1', 's2']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const last = await handler.handle({ limit: 2, cursor: first.nextCursor });
    expect(last.items.map((i) => i.id)).toEqual(['s3']);
    expect(last.nextCursor).toBeUndefined();
  });

  it("filters by account and status, and keeps the qualification documents", async () => {
    const handler = new ListSignaturesHandler(reviews);
    expect((await handler.handle({ accountId: 'a1' })).items.map((i) => i.id)).toEqual(['s1', 's3']);
    const approved = await handler.handle({ accountId: 'a1', status: 'APPROVED' });
    expect(approved.items).toEqual([expect.objectContaining({ id: 's1', status: 'APPROVED', documents: [{ kind: 'business-licence', reference: 'BL-s1' }] })]);
    expect((await handler.handle({ accountId: 'a2', status: 'APPROVED' })).items).toEqual([]);
  });

  it('lists templates apart from signatures', async () => {
    expect((await new ListTemplatesHandler(reviews).handle({})).items.map((i) => [i.type, i.id])).toEqual([['template', 't1']]);
  });

  it('refuses a cursor it did not hand out (VALIDATION_FAILED)', async () => {
    await expect(new ListSignaturesHandler(reviews).handle({ cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(new ListSignaturesHandler(reviews).handle({ cursor: Buffer.from('[1,2]').toString('base64url') })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
