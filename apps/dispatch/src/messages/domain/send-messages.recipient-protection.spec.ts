import { DeciderSpecification } from '@sms/use-case-kit/core';
import type { BatchAccepted, BatchEvent } from './events';
import { decideSendMessages, type SendContext, type SendMessagesCommand, sendMessagesDecider } from './send-messages';
import { parseSendWindow, type SendWindow } from './send-window';

/* The recipient protection of a send (DOMAIN §1, §3): frequency limits and the marketing send window. */

const consent = { basis: 'opt-in' as const, reference: 'members-2026' };
const command = (overrides: Partial<SendMessagesCommand> = {}): SendMessagesCommand => ({
  batchId: 'b-1',
  accountId: 'acc-1',
  signatureId: 'sig-1',
  templateId: 'tpl-1',
  params: { code: '123456' },
  phoneNumbers: ['13800138000', '13800138001'],
  ...overrides,
});

const WINDOW = parseSendWindow('08:00-21:00') as SendWindow;
const marketing = { accountId: 'acc-1', kind: 'marketing' as const, content: '会员日全场五折，拒收请回复R', status: 'APPROVED' as const };

const context = (overrides: Partial<SendContext> = {}): SendContext => {
  let n = 0;
  return {
    account: { status: 'ACTIVE' },
    signature: { accountId: 'acc-1', name: '阿里云', status: 'APPROVED' },
    template: { accountId: 'acc-1', kind: 'verification', content: '您的验证码为${code}，5分钟内有效。', status: 'APPROVED' },
    marketingWindow: WINDOW,
    // 18:00 in Shanghai: inside the window.
    now: new Date('2026-11-23T10:00:00Z'),
    newMessageId: () => `m-${++n}`,
    ...overrides,
  };
};
/** 22:30 in Shanghai: outside the window, which opens at 00:00 UTC the next day. */
const LATE = new Date('2026-11-23T14:30:00Z');

function acceptedBatch(decision: ReturnType<typeof decideSendMessages>): BatchAccepted {
  if (!decision.ok) throw new Error(`${decision.rejection.code}: ${decision.rejection.detail}`);
  const [event] = decision.events;
  if (event?.type !== 'BatchAccepted') throw new Error(`expected BatchAccepted, got ${JSON.stringify(decision.events)}`);
  return event.data;
}

const limited = new Map([['+8613800138000', { limit: 'verification 1/1m', freeAt: '2026-11-23T10:00:42.000Z' }]]);

describe('decideSendMessages: frequency limits (FREQUENCY_LIMITED)', () => {
  it('rejects a recipient over a limit on its own, saying which limit and when it frees up, and sends the others', () => {
    const batch = acceptedBatch(decideSendMessages(command(), context({ frequencyLimited: limited })));
    expect(batch.messages.map((m) => m.phoneNumber)).toEqual(['+8613800138001']);
    expect(batch.rejected).toEqual([
      {
        phoneNumber: '13800138000',
        code: 'FREQUENCY_LIMITED',
        detail: 'Frequency limit verification 1/1m for this number and signature reached; it frees up at 2026-11-23T10:00:42.000Z',
      },
    ]);
  });

  it('refuses the whole request FREQUENCY_LIMITED when every recipient is over a limit', () => {
    const decision = decideSendMessages(command({ phoneNumbers: ['+86 138 0013 8000'] }), context({ frequencyLimited: limited }));
    expect(decision).toEqual({ ok: false, rejection: { code: 'FREQUENCY_LIMITED', detail: expect.stringContaining('frees up at 2026-11-23T10:00:42.000Z') } });
  });

  it('answers INVALID_PHONE_NUMBER when the recipients were refused for different reasons', () => {
    const decision = decideSendMessages(command({ phoneNumbers: ['13800138000', 'nope'] }), context({ frequencyLimited: limited }));
    expect(decision).toMatchObject({ ok: false, rejection: { code: 'INVALID_PHONE_NUMBER' } });
  });

  it('given the batch was accepted, when its retry finds the number limited (by the batch itself), then nothing new: the answer is the stream', () => {
    const first: BatchEvent = { type: 'BatchAccepted', data: acceptedBatch(decideSendMessages(command({ requestHash: 'h' }), context())) };
    DeciderSpecification.for(sendMessagesDecider(context({ frequencyLimited: limited }))).given([first]).when(command({ requestHash: 'h' })).thenNothing();
  });
});

describe('decideSendMessages: the marketing send window (OUTSIDE_SEND_WINDOW)', () => {
  const sale = (overrides: Partial<SendMessagesCommand> = {}) => command({ params: {}, consent, ...overrides });

  it('sends marketing inside the window at once', () => {
    expect(acceptedBatch(decideSendMessages(sale(), context({ template: marketing })))).not.toHaveProperty('scheduledAt');
  });

  it('holds marketing asked for outside the window until it opens in the recipients’ local time (Asia/Shanghai)', () => {
    const batch = acceptedBatch(decideSendMessages(sale(), context({ template: marketing, now: LATE })));
    expect(batch.scheduledAt).toBe('2026-11-24T00:00:00.000Z');
    expect(batch.acceptedAt).toBe(LATE.toISOString());
  });

  it('refuses it instead when the request says outsideWindow: reject, with the time the window opens', () => {
    DeciderSpecification.for(sendMessagesDecider(context({ template: marketing, now: LATE })))
      .given([])
      .when(sale({ outsideWindow: 'reject' }))
      .thenRejects('OUTSIDE_SEND_WINDOW', /08:00-21:00 recipient local time; the window opens at 2026-11-24T00:00:00.000Z/);
  });

  it('moves a requested time outside the window to the next opening, and keeps one inside it', () => {
    // 23:00 Shanghai → 08:00 the next day.
    expect(acceptedBatch(decideSendMessages(sale({ scheduledAt: '2026-11-24T15:00:00Z' }), context({ template: marketing }))).scheduledAt).toBe('2026-11-25T00:00:00.000Z');
    // 09:00 Shanghai, asked at 22:30 the night before: the later of the two is the requested time.
    expect(acceptedBatch(decideSendMessages(sale({ scheduledAt: '2026-11-24T01:00:00Z' }), context({ template: marketing, now: LATE }))).scheduledAt).toBe('2026-11-24T01:00:00.000Z');
  });

  it('refuses a requested time outside the window in reject mode', () => {
    const decision = decideSendMessages(sale({ scheduledAt: '2026-11-24T15:00:00Z', outsideWindow: 'reject' }), context({ template: marketing }));
    expect(decision).toMatchObject({ ok: false, rejection: { code: 'OUTSIDE_SEND_WINDOW', detail: expect.stringContaining('2026-11-25T00:00:00.000Z') } });
  });

  it('leaves codes and notices alone at night, and marketing when no window is configured', () => {
    expect(acceptedBatch(decideSendMessages(command({ outsideWindow: 'reject' }), context({ now: LATE })))).not.toHaveProperty('scheduledAt');
    expect(acceptedBatch(decideSendMessages(sale(), context({ template: marketing, now: LATE, marketingWindow: undefined })))).not.toHaveProperty('scheduledAt');
  });

  it('refuses the recipients before it looks at the window: a request with none left is refused for them', () => {
    const decision = decideSendMessages(sale({ phoneNumbers: ['+447400123456'], outsideWindow: 'reject' }), context({ template: marketing, now: LATE }));
    expect(decision).toMatchObject({ ok: false, rejection: { code: 'INTERNATIONAL_TEMPLATE_REQUIRED' } });
  });
});
