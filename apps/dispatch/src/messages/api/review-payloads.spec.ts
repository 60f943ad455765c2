import { InvalidPayloadError } from './balance-payloads';
import { parseMessageReviewDecided } from './review-payloads';

describe("a reviewer's decision at dispatch's edge (ADR 0036)", () => {
  const decided = {
    batchId: 'b-1',
    accountId: 'acc-1',
    kind: 'notification',
    messageId: 'm-1',
    released: false,
    category: 'fraud',
    decidedAt: '2026-11-23T10:05:00.000Z',
    segments: 1,
    countryCode: 'CN',
    operator: 'CMCC',
  };

  it('takes a well-formed decision as it is', () => {
    expect(parseMessageReviewDecided(decided)).toBe(decided);
  });

  it.each([
    ['messageId', ''],
    ['batchId', undefined],
    ['accountId', 7],
    ['kind', 'pigeon'],
    ['released', 'no'],
    ['category', ''],
  ])('refuses one with a bad %s, naming it', (field, value) => {
    expect(() => parseMessageReviewDecided({ ...decided, [field]: value })).toThrow(new InvalidPayloadError('sms.message-review-decided.v1', field));
  });

  it('refuses what is not an object', () => {
    expect(() => parseMessageReviewDecided([decided])).toThrow(new InvalidPayloadError('sms.message-review-decided.v1', 'not an object'));
  });
});
