import { decideSendMessages, SendContext, SendMessagesCommand } from './send-messages';
import { statusRank } from './message-status';
import { routeFor } from './routing';

const command = (overrides: Partial<SendMessagesCommand> = {}): SendMessagesCommand => ({
  batchId: 'b-1',
  accountId: 'acc-1',
  signatureId: 'sig-1',
  templateId: 'tpl-1',
  params: { code: '123456' },
  phoneNumbers: ['13800138000'],
  ...overrides,
});

const context = (overrides: Partial<SendContext> = {}): SendContext => {
  let n = 0;
  return {
    account: { status: 'ACTIVE' },
    signature: { accountId: 'acc-1', name: '阿里云', status: 'APPROVED' },
    template: { accountId: 'acc-1', kind: 'verification', content: '您的验证码为${code}，5分钟内有效。', status: 'APPROVED' },
    now: new Date('2026-11-23T10:00:00Z'),
    newMessageId: () => `m-${++n}`,
    ...overrides,
  };
};

describe('decideSendMessages', () => {
  it('accepts a domestic recipient with the signature prefixed, segments counted and the operator known', () => {
    const decision = decideSendMessages(command(), context());
    expect(decision).toEqual({
      ok: true,
      event: {
        batchId: 'b-1',
        accountId: 'acc-1',
        kind: 'verification',
        signatureId: 'sig-1',
        templateId: 'tpl-1',
        outId: undefined,
        acceptedAt: '2026-11-23T10:00:00.000Z',
        messages: [
          { messageId: 'm-1', phoneNumber: '+8613800138000', countryCode: 'CN', operator: 'CMCC', segments: 1, encoding: 'ucs2', text: '【阿里云】您的验证码为123456，5分钟内有效。' },
        ],
        rejected: [],
      },
    });
  });

  it('counts two UCS-2 segments for a Chinese text over 70 characters and sends international numbers without the signature', () => {
    const long = '尊敬的客户，您的订单${code}已发货，'.padEnd(80, '请注意查收包裹');
    const decision = decideSendMessages(
      command({ phoneNumbers: ['+8613912345678', '+447400123456'] }),
      context({ template: { accountId: 'acc-1', kind: 'notification', content: long, status: 'APPROVED' } }),
    );
    if (!decision.ok) throw new Error(decision.detail);
    const [domestic, international] = decision.event.messages;
    expect(domestic.text.startsWith('【阿里云】')).toBe(true);
    expect(domestic.segments).toBe(2);
    expect(international.text.startsWith('【')).toBe(false);
    expect(international.operator).toBe('INTERNATIONAL');
    expect(international.countryCode).toBe('GB');
  });

  it('rejects invalid and duplicate recipients one by one and keeps the rest', () => {
    const decision = decideSendMessages(command({ phoneNumbers: ['13800138000', 'abc', '+86 138-0013-8000', '123'] }), context());
    if (!decision.ok) throw new Error(decision.detail);
    expect(decision.event.messages.map((m) => m.phoneNumber)).toEqual(['+8613800138000']);
    expect(decision.event.rejected.map((r) => [r.phoneNumber, r.code])).toEqual([
      ['abc', 'INVALID_PHONE_NUMBER'],
      ['+86 138-0013-8000', 'DUPLICATE_PHONE_NUMBER'],
      ['123', 'INVALID_PHONE_NUMBER'],
    ]);
  });

  it('refuses a request with no valid recipient', () => {
    expect(decideSendMessages(command({ phoneNumbers: ['abc'] }), context())).toMatchObject({ ok: false, code: 'INVALID_PHONE_NUMBER' });
  });

  it.each([
    ['FROZEN', 'ACCOUNT_FROZEN'],
    ['SUSPENDED', 'ACCOUNT_SUSPENDED'],
    ['TERMINATED', 'ACCOUNT_TERMINATED'],
  ] as const)('refuses when the account is %s', (status, code) => {
    expect(decideSendMessages(command(), context({ account: { status } }))).toMatchObject({ ok: false, code });
  });

  it('refuses unknown accounts, unapproved or foreign signatures and templates', () => {
    expect(decideSendMessages(command(), context({ account: undefined }))).toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    expect(decideSendMessages(command(), context({ signature: { accountId: 'acc-1', name: 'x', status: 'PENDING_REVIEW' } }))).toMatchObject({
      code: 'SIGNATURE_NOT_APPROVED',
    });
    expect(decideSendMessages(command(), context({ signature: { accountId: 'other', name: 'x', status: 'APPROVED' } }))).toMatchObject({
      code: 'SIGNATURE_NOT_FOUND',
    });
    expect(
      decideSendMessages(command(), context({ template: { accountId: 'acc-1', kind: 'verification', content: 'x', status: 'REJECTED' } })),
    ).toMatchObject({ code: 'TEMPLATE_NOT_APPROVED' });
    expect(decideSendMessages(command({ kind: 'marketing' }), context())).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses when a template parameter is missing', () => {
    expect(decideSendMessages(command({ params: {} }), context())).toMatchObject({ ok: false, code: 'TEMPLATE_PARAM_MISSING' });
  });
});

describe('message status', () => {
  // The read model moves a message only to a higher rank (dispatch-store.int.spec.ts shows it in SQL).
  it('ranks the lifecycle so that it only moves forward and final statuses stay final', () => {
    expect(statusRank('ACCEPTED')).toBeLessThan(statusRank('QUEUED'));
    expect(statusRank('QUEUED')).toBeLessThan(statusRank('SUBMITTED'));
    expect(statusRank('SUBMITTED')).toBeLessThan(statusRank('DELIVERED'));
    for (const final of ['DELIVERED', 'UNDELIVERED', 'EXPIRED', 'FAILED', 'BLOCKED', 'REJECTED', 'CANCELLED'] as const) {
      expect(statusRank(final)).toBe(statusRank('DELIVERED'));
    }
  });
});

describe('routing', () => {
  it('uses the operator entry, else the default', () => {
    expect(routeFor('CMCC', { CMCC: 'cmpp-1', '*': 'smpp-default' })).toBe('cmpp-1');
    expect(routeFor('CUCC', { CMCC: 'cmpp-1', '*': 'smpp-default' })).toBe('smpp-default');
    expect(routeFor('CUCC', { CMCC: 'cmpp-1' })).toBeUndefined();
  });
});
