import { contentReviewCodec, signatureCodec, templateCodec, screeningCodec } from './event-codec';
import { REVIEW_EVENTS } from './review/domain/events';
import { SCREENING_EVENTS } from './screening/domain/batch-screening';

const decided = { signatureId: 's1', accountId: 'a1', name: '阿里云', decidedAt: '2026-03-02T08:00:00.000Z' };

describe('content-review event codec', () => {
  it('stores every domain event under the type string written since v1, data as is', () => {
    expect(contentReviewCodec.encode({ type: 'SignatureApproved', data: decided })).toEqual({ type: 'content-review.SignatureApproved.v1', data: decided });
    const stored = Object.values({ ...REVIEW_EVENTS, ...SCREENING_EVENTS });
    expect(stored).toHaveLength(9);
    for (const type of stored) {
      const event = contentReviewCodec.decode({ type, data: { x: 1 } });
      expect(event && contentReviewCodec.encode(event)).toEqual({ type, data: { x: 1 } });
    }
  });

  it('gives each stream kind only its own events', () => {
    const approved = { type: REVIEW_EVENTS.signatureApproved, data: decided };
    expect(signatureCodec.decode(approved)).toEqual({ type: 'SignatureApproved', data: decided });
    expect(templateCodec.decode(approved)).toBeUndefined();
    expect(screeningCodec.decode(approved)).toBeUndefined();
    expect(signatureCodec.knows(REVIEW_EVENTS.signatureRevoked)).toBe(true);
    expect(signatureCodec.knows(REVIEW_EVENTS.templateRevoked)).toBe(false);
    expect(screeningCodec.knows(SCREENING_EVENTS.batchScreened)).toBe(true);
    expect(contentReviewCodec.decode({ type: 'dispatch.BatchAccepted.v1', data: {} })).toBeUndefined();
  });
});
