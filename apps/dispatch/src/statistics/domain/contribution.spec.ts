import { contributionOf, type MessageFacts } from './contribution';
import { latencyBin } from './latency-histogram';

const message = (facts: Partial<MessageFacts>): MessageFacts => ({
  accountId: 'acc-1',
  acceptedAt: '2026-11-23T10:59:59.999Z',
  kind: 'notification',
  templateId: 'tpl-1',
  signatureId: 'sig-1',
  operator: 'CMCC',
  countryCode: 'CN',
  status: 'ACCEPTED',
  segments: 2,
  ...facts,
});

describe('contributionOf', () => {
  it.each(['SCHEDULED', 'ACCEPTED', 'QUEUED', 'CANCELLED'])('counts a %s message nowhere', (status) => {
    expect(contributionOf(message({ status, submittedAt: '2026-11-23T11:00:00.000Z' }))).toBeUndefined();
  });

  it('counts a message in the hour it was accepted, under its dimensions, with no channel as the empty one', () => {
    const contribution = contributionOf(message({ status: 'REJECTED', errorCode: 'INSUFFICIENT_BALANCE' }));
    expect(contribution?.key).toEqual({
      accountId: 'acc-1',
      hour: Date.parse('2026-11-23T10:00:00.000Z') / 3_600_000,
      kind: 'notification',
      templateId: 'tpl-1',
      signatureId: 'sig-1',
      operator: 'CMCC',
      countryCode: 'CN',
      channelId: '',
      status: 'REJECTED',
      reason: 'INSUFFICIENT_BALANCE',
    });
    expect(contribution).toMatchObject({ submitted: false, segments: 2 });
    expect(contribution).not.toHaveProperty('latencyBin');
  });

  it.each([
    ['SUBMITTED', undefined, true],
    ['DELIVERED', undefined, true],
    ['UNDELIVERED', undefined, true],
    ['EXPIRED', '2026-11-23T11:00:00.000Z', true],
    ['EXPIRED', undefined, false],
    ['FAILED', '2026-11-23T11:00:00.000Z', true],
    ['FAILED', undefined, false],
    ['REJECTED', undefined, false],
    ['BLOCKED', undefined, false],
  ])('a %s message with submission time %s counts as submitted: %s', (status, submittedAt, submitted) => {
    expect(contributionOf(message({ status, ...(submittedAt ? { submittedAt } : {}) }))?.submitted).toBe(submitted);
  });

  it('names the reason of a failure (its error code, else its status), and of nothing else', () => {
    expect(contributionOf(message({ status: 'FAILED', errorCode: 'NO_ROUTE' }))?.key.reason).toBe('NO_ROUTE');
    expect(contributionOf(message({ status: 'EXPIRED' }))?.key.reason).toBe('EXPIRED');
    expect(contributionOf(message({ status: 'UNDELIVERED', errorCode: 'UNDELIV' }))?.key.reason).toBe('');
    expect(contributionOf(message({ status: 'DELIVERED', errorCode: 'HELD_FOR_REVIEW' }))?.key.reason).toBe('');
  });

  it('adds the latency of a delivered message with both times, in its bin', () => {
    const delivered = message({ status: 'DELIVERED', channelId: 'smpp-default', submittedAt: '2026-11-23T11:00:00.000Z', doneAt: '2026-11-23T11:00:04.000Z' });
    expect(contributionOf(delivered)).toMatchObject({ submitted: true, latencyBin: latencyBin(4_000), key: { channelId: 'smpp-default', reason: '' } });
    expect(contributionOf({ ...delivered, submittedAt: undefined })).not.toHaveProperty('latencyBin');
    expect(contributionOf({ ...delivered, status: 'UNDELIVERED' })).not.toHaveProperty('latencyBin');
  });
});
