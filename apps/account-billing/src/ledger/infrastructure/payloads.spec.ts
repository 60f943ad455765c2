import { InvalidPayloadError, parseMessageReviewDecided, parseMessagesScreened, parseMessagesSubmitted } from './payloads';

describe('consumed payload validation', () => {
  const screened = {
    batchId: 'b1',
    accountId: 'a1',
    kind: 'notification',
    screenedAt: '2025-01-01T00:00:00.000Z',
    cleared: [{ messageId: 'm1', segments: 2, countryCode: 'CN', operator: 'CMCC' }],
    blocked: [],
    held: [],
  };
  const submitted = {
    accountId: 'a1',
    channelId: 'c',
    results: [{ messageId: 'm1', batchId: 'b1', status: 'SUBMITTED', segmentsSubmitted: 2, segmentsFailed: 0, operatorMessageIds: ['x'], submittedAt: '2025-01-01T00:00:00.000Z' }],
  };

  it('accepts well-formed payloads as they are', () => {
    expect(parseMessagesScreened(screened)).toBe(screened);
    expect(parseMessagesSubmitted(submitted)).toBe(submitted);
  });

  it.each([
    ['no batchId', { ...screened, batchId: '' }, 'batchId'],
    ['unknown kind', { ...screened, kind: 'pigeon' }, 'kind'],
    ['zero segments', { ...screened, cleared: [{ ...screened.cleared[0], segments: 0 }] }, 'cleared[0]'],
    ['fractional segments', { ...screened, cleared: [{ ...screened.cleared[0], segments: 1.5 }] }, 'cleared[0]'],
    ['cleared not a list', { ...screened, cleared: {} }, 'cleared'],
  ])('rejects a screening outcome with %s', (_name, payload, field) => {
    expect(() => parseMessagesScreened(payload)).toThrow(new InvalidPayloadError('sms.messages-screened.v1', field));
  });

  it.each([
    ['a bad status', { ...submitted, results: [{ ...submitted.results[0], status: 'MAYBE' }] }],
    ['negative segments', { ...submitted, results: [{ ...submitted.results[0], segmentsSubmitted: -1 }] }],
    ['no account', { ...submitted, accountId: undefined }],
  ])('rejects submission results with %s', (_name, payload) => {
    expect(() => parseMessagesSubmitted(payload)).toThrow(InvalidPayloadError);
  });

  const decided = { batchId: 'b1', accountId: 'a1', kind: 'notification', messageId: 'm1', released: true, category: 'fraud', decidedAt: '2025-01-01T00:00:00.000Z', segments: 2, countryCode: 'CN', operator: 'CMCC' };

  it("accepts a reviewer's decision as it is, and rejects a malformed one naming the field", () => {
    expect(parseMessageReviewDecided(decided)).toBe(decided);
    expect(parseMessageReviewDecided({ ...decided, released: false })).toEqual({ ...decided, released: false });
    for (const [field, value] of [
      ['messageId', ''],
      ['released', 'yes'],
      ['segments', 0],
      ['kind', 'pigeon'],
      ['countryCode', 'CHINA'],
      ['accountId', undefined],
    ] as const) {
      expect(() => parseMessageReviewDecided({ ...decided, [field]: value })).toThrow(new InvalidPayloadError('sms.message-review-decided.v1', field));
    }
  });
});
