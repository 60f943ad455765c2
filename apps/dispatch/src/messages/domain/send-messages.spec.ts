import { DeciderSpecification } from '@sms/use-case-kit/core';
import { decideSendMessages, scheduleOf, SendContext, SendMessagesCommand, sendMessagesDecider } from './send-messages';
import type { BatchAccepted, BatchEvent } from './events';

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

/** The accepted batch of a decision that must have accepted one. */
function acceptedBatch(decision: ReturnType<typeof decideSendMessages>): BatchAccepted {
  if (!decision.ok) throw new Error(decision.rejection.detail);
  const [event] = decision.events;
  if (event?.type !== 'BatchAccepted') throw new Error(`expected BatchAccepted, got ${JSON.stringify(decision.events)}`);
  return event.data;
}

describe('decideSendMessages', () => {
  it('accepts a domestic recipient with the signature prefixed, segments counted and the operator known', () => {
    const decision = decideSendMessages(command(), context());
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'BatchAccepted',
          data: {
            batchId: 'b-1',
            accountId: 'acc-1',
            kind: 'verification',
            signatureId: 'sig-1',
            templateId: 'tpl-1',
            outId: undefined,
            acceptedAt: '2026-11-23T10:00:00.000Z',
            texts: { domestic: '【阿里云】您的验证码为123456，5分钟内有效。' },
            messages: [{ messageId: 'm-1', phoneNumber: '+8613800138000', countryCode: 'CN', operator: 'CMCC', segments: 1, encoding: 'ucs2', text: 'domestic' }],
            rejected: [],
          },
        },
      ],
    });
  });

  it('counts two UCS-2 segments for a Chinese text over 70 characters and sends international numbers without the signature', () => {
    const long = '尊敬的客户，您的订单${code}已发货，'.padEnd(80, '请注意查收包裹');
    const batch = acceptedBatch(
      decideSendMessages(
        command({ phoneNumbers: ['+8613912345678', '+447400123456'] }),
        context({ template: { accountId: 'acc-1', kind: 'international', content: long, status: 'APPROVED' } }),
      ),
    );
    const [domestic, international] = batch.messages;
    expect(batch.texts[domestic.text]?.startsWith('【阿里云】')).toBe(true);
    expect(domestic.segments).toBe(2);
    expect(batch.texts[international.text]?.startsWith('【')).toBe(false);
    expect(international.operator).toBe('INTERNATIONAL');
    expect(international.countryCode).toBe('GB');
  });

  it('writes each distinct text once per batch, however many recipients share it', () => {
    const international = { accountId: 'acc-1', kind: 'international' as const, content: '您的验证码为${code}，5分钟内有效。', status: 'APPROVED' as const };
    const batch = acceptedBatch(
      decideSendMessages(command({ phoneNumbers: ['13800138000', '13012345678', '+447400123456', '+447400123457'] }), context({ template: international })),
    );
    expect(batch.texts).toEqual({ domestic: '【阿里云】您的验证码为123456，5分钟内有效。', international: '您的验证码为123456，5分钟内有效。' });
    expect(batch.messages.map((m) => m.text)).toEqual(['domestic', 'domestic', 'international', 'international']);
  });

  it('refuses, per recipient, a foreign number for a domestic template instead of billing it at the international price', () => {
    const batch = acceptedBatch(decideSendMessages(command({ phoneNumbers: ['13800138000', '+447400123456'] }), context()));
    expect(batch.messages.map((m) => m.phoneNumber)).toEqual(['+8613800138000']);
    expect(batch.rejected).toEqual([{ phoneNumber: '+447400123456', code: 'INTERNATIONAL_TEMPLATE_REQUIRED', detail: expect.stringContaining('GB') }]);
    expect(batch.texts).toEqual({ domestic: '【阿里云】您的验证码为123456，5分钟内有效。' });
    expect(decideSendMessages(command({ phoneNumbers: ['+447400123456'] }), context())).toMatchObject({ ok: false, rejection: { code: 'INTERNATIONAL_TEMPLATE_REQUIRED' } });
  });

  it('rejects invalid and duplicate recipients one by one and keeps the rest', () => {
    const batch = acceptedBatch(decideSendMessages(command({ phoneNumbers: ['13800138000', 'abc', '+86 138-0013-8000', '123'] }), context()));
    expect(batch.messages.map((m) => m.phoneNumber)).toEqual(['+8613800138000']);
    expect(batch.rejected.map((r) => [r.phoneNumber, r.code])).toEqual([
      ['abc', 'INVALID_PHONE_NUMBER'],
      ['+86 138-0013-8000', 'DUPLICATE_PHONE_NUMBER'],
      ['123', 'INVALID_PHONE_NUMBER'],
    ]);
  });

  it('refuses a request with no valid recipient', () => {
    expect(decideSendMessages(command({ phoneNumbers: ['abc'] }), context())).toMatchObject({ ok: false, rejection: { code: 'INVALID_PHONE_NUMBER' } });
  });

  it.each([
    ['FROZEN', 'ACCOUNT_FROZEN'],
    ['SUSPENDED', 'ACCOUNT_SUSPENDED'],
    ['TERMINATED', 'ACCOUNT_TERMINATED'],
  ] as const)('refuses when the account is %s', (status, code) => {
    expect(decideSendMessages(command(), context({ account: { status } }))).toMatchObject({ ok: false, rejection: { code } });
  });

  it('refuses unknown accounts, unapproved or foreign signatures and templates', () => {
    expect(decideSendMessages(command(), context({ account: undefined }))).toMatchObject({ rejection: { code: 'ACCOUNT_NOT_FOUND' } });
    expect(decideSendMessages(command(), context({ signature: { accountId: 'acc-1', name: 'x', status: 'PENDING_REVIEW' } }))).toMatchObject({
      rejection: { code: 'SIGNATURE_NOT_APPROVED' },
    });
    expect(decideSendMessages(command(), context({ signature: { accountId: 'other', name: 'x', status: 'APPROVED' } }))).toMatchObject({
      rejection: { code: 'SIGNATURE_NOT_FOUND' },
    });
    expect(
      decideSendMessages(command(), context({ template: { accountId: 'acc-1', kind: 'verification', content: 'x', status: 'REJECTED' } })),
    ).toMatchObject({ rejection: { code: 'TEMPLATE_NOT_APPROVED' } });
    expect(decideSendMessages(command({ kind: 'marketing' }), context())).toMatchObject({ rejection: { code: 'VALIDATION_FAILED' } });
  });

  it('leaves out of a marketing send the recipients who opted out (OPTED_OUT), and sends the rest', () => {
    const marketing = { accountId: 'acc-1', kind: 'marketing' as const, content: '双十一全场五折，拒收请回复R', status: 'APPROVED' as const };
    const optedOut = new Set(['+8613800138000']);
    const consent = { basis: 'opt-in' as const, reference: 'crm-1' };
    const batch = acceptedBatch(decideSendMessages(command({ phoneNumbers: ['138 0013 8000', '13900139000'], consent }), context({ template: marketing, optedOut })));
    expect(batch.messages.map((m) => m.phoneNumber)).toEqual(['+8613900139000']);
    expect(batch.rejected).toEqual([{ phoneNumber: '138 0013 8000', code: 'OPTED_OUT', detail: expect.stringContaining('opted out') }]);
    // Everyone opted out: the request itself is refused with the same code.
    const none = decideSendMessages(command({ phoneNumbers: ['13800138000'], consent }), context({ template: marketing, optedOut }));
    expect(none).toMatchObject({ ok: false, rejection: { code: 'OPTED_OUT' } });
  });

  it('refuses marketing without a consent attestation (CONSENT_REQUIRED), and records the attestation it went out under', () => {
    const marketing = { accountId: 'acc-1', kind: 'marketing' as const, content: '双十一全场五折，拒收请回复R', status: 'APPROVED' as const };
    expect(decideSendMessages(command(), context({ template: marketing }))).toMatchObject({ ok: false, rejection: { code: 'CONSENT_REQUIRED' } });
    const batch = acceptedBatch(decideSendMessages(command({ consent: { basis: 'written', reference: 'forms/2026-11' } }), context({ template: marketing })));
    expect(batch.consent).toEqual({ basis: 'written', reference: 'forms/2026-11' });
    // Codes and notices need none.
    expect(acceptedBatch(decideSendMessages(command(), context())).consent).toBeUndefined();
  });

  it('still sends codes and notices to a recipient who opted out of marketing', () => {
    const batch = acceptedBatch(decideSendMessages(command(), context({ optedOut: new Set(['+8613800138000']) })));
    expect(batch.messages.map((m) => m.phoneNumber)).toEqual(['+8613800138000']);
  });

  it('refuses when a template parameter is missing', () => {
    expect(decideSendMessages(command({ params: {} }), context())).toMatchObject({ ok: false, rejection: { code: 'TEMPLATE_PARAM_MISSING' } });
  });
});

describe('the batch stream as a decider (Idempotency-Key)', () => {
  const accepted = (requestHash?: string): BatchEvent => ({
    type: 'BatchAccepted',
    data: {
      ...acceptedBatch(decideSendMessages(command({ requestHash }), context())),
    },
  });

  it('given the batch was accepted, when the same request comes again, then nothing new: the answer is the stream', () => {
    const state = DeciderSpecification.for(sendMessagesDecider(context()))
      .given([accepted('hash-1')])
      .when(command({ requestHash: 'hash-1' }))
      .then([]);
    expect(state.accepted?.messages.map((m) => m.messageId)).toEqual(['m-1']);
  });

  it('given the batch was accepted, when another body comes under its key, then IDEMPOTENCY_KEY_REUSED', () => {
    DeciderSpecification.for(sendMessagesDecider(context())).given([accepted('hash-1')]).when(command({ requestHash: 'hash-2' })).thenRejects('IDEMPOTENCY_KEY_REUSED');
  });

  it('answers a retry even when the account was frozen since: the batch stands as accepted', () => {
    DeciderSpecification.for(sendMessagesDecider(context({ account: { status: 'FROZEN' } })))
      .given([accepted('hash-1')])
      .when(command({ requestHash: 'hash-1' }))
      .thenNothing();
  });

  it('records the request hash with a new batch', () => {
    expect(acceptedBatch(decideSendMessages(command({ requestHash: 'hash-1' }), context())).requestHash).toBe('hash-1');
  });

  it('given a batch stored as v1 (no hash in its data), when a request comes under its key, then it is answered as a retry', () => {
    DeciderSpecification.for(sendMessagesDecider(context())).given([accepted(undefined)]).when(command({ requestHash: 'hash-2' })).thenNothing();
  });
});

describe('scheduleOf (when a batch asked for scheduledAt goes out)', () => {
  const now = new Date('2026-11-23T10:00:00.000Z');
  it('holds a batch for a future time, normalised to UTC', () => {
    expect(scheduleOf('2026-11-24T09:00:00+08:00', now)).toEqual({ at: '2026-11-24T01:00:00.000Z' });
  });
  it('sends at once without a time, or for a time a client clock running a little behind gave', () => {
    expect(scheduleOf(undefined, now)).toEqual({});
    expect(scheduleOf('2026-11-23T09:59:30.000Z', now)).toEqual({});
    expect(scheduleOf('2026-11-23T10:00:00.000Z', now)).toEqual({});
  });
  it('refuses a time in the past, more than 30 days ahead, or not a time', () => {
    expect(scheduleOf('2026-11-23T09:58:00.000Z', now)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(scheduleOf('2026-12-23T10:00:00.001Z', now)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(scheduleOf('2026-12-23T10:00:00.000Z', now)).toEqual({ at: '2026-12-23T10:00:00.000Z' });
    expect(scheduleOf('tomorrow', now)).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
